// The UI font (a Noto Sans CJK SC subset) compiled in; generated at build time by
// cmake/make_font.py into the build folder.
#pragma once

namespace cb {
extern const unsigned char kUiFontData[];
extern const unsigned long kUiFontSize;
extern const unsigned short kUiFontGlyphRanges[];  // pairs of first,last codepoints, 0-terminated
extern const int kUiFontGlyphCount;
}  // namespace cb
