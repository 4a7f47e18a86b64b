// Progress of `callboard import` on stderr (docs/ingest.md, "Command line"): lines read and
// stored, their rate, the percent of the files' bytes (as on disk: compressed bytes for gzip)
// and the time left. On a terminal one line redrawn in place (carriage return); otherwise a
// plain line every few seconds. Only ever on stderr, so `--json` keeps stdout pure JSON.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

namespace cb {

struct ImportProgressSample {
    double elapsed_s = 0;      // since the import started
    uint64_t lines = 0;        // lines read and stored so far, all files
    uint64_t done_bytes = 0;   // bytes of the files read so far (compressed bytes for gzip)
    uint64_t total_bytes = 0;  // sizes of all the files
};

struct ImportProgressFigures {
    double fraction = 0;       // done_bytes / total_bytes, 0..1 (1 when there is nothing to read)
    double lines_per_s = 0;    // lines / elapsed; 0 before any time has passed
    double seconds_left = -1;  // bytes left at the byte rate so far; -1 while unknown (first second)
};

ImportProgressFigures ComputeImportProgress(const ImportProgressSample& sample);
// 1234567 -> "1,234,567" (the import's summary and progress).
std::string GroupDigits(uint64_t n);
// "0:07", "12:34", "1:02:03"; "?" for a negative (unknown) time.
std::string DurationText(double seconds);
// "queue_log.1 (2 of 3): 42%, 1,234,567 lines, 301,234 lines/s, 1:23 left"
// (one file: no "(1 of 1)"; time left unknown: "time left unknown").
// unit: what is counted ("lines"; `import calls` counts "calls").
std::string ImportProgressLine(const std::string& file, size_t index, size_t files, uint64_t lines,
                               const ImportProgressFigures& figures, const std::string& unit = "lines");
// "3 files: 4,500,000 lines in 0:25, 180,000 lines/s" (one file: its name).
std::string ImportDoneLine(const std::string& what, uint64_t lines, double elapsed_s, const std::string& unit = "lines");

class ImportProgress {
public:
    // out: where to write (stderr); terminal: redraw one line; interval_s: between plain lines;
    // unit: what the counts count.
    ImportProgress(std::FILE* out, bool terminal, double interval_s = 5.0, std::string unit = "lines");

    // A new sample at now_s (seconds since the start); printed when due: on a terminal at most
    // every 0.2 s, else every interval_s.
    void Update(const std::string& file, size_t index, size_t files, const ImportProgressSample& sample);
    // A message of its own line (an error), not overwritten by the next redraw.
    void Message(const std::string& text);
    // The end: the done line (on a terminal it replaces the progress line).
    void Done(const std::string& what, uint64_t lines, double elapsed_s);

private:
    std::FILE* m_out;
    bool m_terminal;
    double m_interval_s;
    double m_last_s = -1;   // when the last line was printed
    bool m_drawn = false;   // a terminal line is on screen without its newline
    std::string m_unit;
};

}  // namespace cb
