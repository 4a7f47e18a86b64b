// Line reader: plain and gzip files, CRLF, a partial last line kept until its newline arrives
// (following a growing file), over-long and corrupted lines skipped or rejected, parsing continues.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "server/base/gzip.h"
#include "server/ingest/queue_log_mapper.h"
#include "server/ingest/queue_log_reader.h"

using namespace cb;

namespace {

std::string TempPath(const char* name) {
    return std::string("/tmp/cb_test_queue_log_") + std::to_string(::getpid()) + "_" + name;
}

void WriteFile(const std::string& path, std::string_view bytes, bool append = false) {
    std::ofstream f(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::string> ReadAll(QueueLogReader& r) {
    std::vector<std::string> lines;
    std::string_view line;
    QueueLogReadStatus st;
    while ((st = r.Next(&line)) == QueueLogReadStatus::Line || st == QueueLogReadStatus::TooLong)
        lines.push_back(st == QueueLogReadStatus::Line ? std::string(line) : std::string("<too long>"));
    return lines;
}

}  // namespace

TEST_CASE("queue_log reader: plain file with CRLF, partial last line held until its newline") {
    const std::string path = TempPath("plain.log");
    WriteFile(path, "1|a|q|NONE|ENTERQUEUE||1|1\r\n2|a|q|NONE|ABANDON|1|1|1\n3|b|q|NO");
    QueueLogReader r;
    REQUIRE(r.Open(path));
    CHECK(ReadAll(r) == std::vector<std::string>{"1|a|q|NONE|ENTERQUEUE||1|1", "2|a|q|NONE|ABANDON|1|1|1"});
    std::string_view line;
    CHECK(r.Next(&line) == QueueLogReadStatus::End);  // "3|b|q|NO" is not a line yet
    CHECK(r.line_number() == 2);
    CHECK(r.consumed_bytes() == 53);
    WriteFile(path, "NE|ENTERQUEUE||2|1\n", true);   // the writer finishes the line
    REQUIRE(r.Next(&line) == QueueLogReadStatus::Line);
    CHECK(line == "3|b|q|NONE|ENTERQUEUE||2|1");
    WriteFile(path, "4|b|q|NONE|ABANDON|1|1|1", true);  // end of an import: take the unterminated line
    CHECK(r.Next(&line) == QueueLogReadStatus::End);
    REQUIRE(r.TakePartial(&line));
    CHECK(line == "4|b|q|NONE|ABANDON|1|1|1");
    CHECK_FALSE(r.gzip());
    std::remove(path.c_str());
}

TEST_CASE("queue_log reader: gzip file, corrupted and over-long lines rejected, parsing continues") {
    std::string plain;
    plain += "1600000000|1600000000.1|q1|NONE|ENTERQUEUE||100|1\n";
    static const char kCorrupt[] = "1600000001|16\xff\x00\x01|q1|NONE|ENTERQUEUE||100|1\n";
    plain += std::string(kCorrupt, sizeof kCorrupt - 1);
    plain += "1600000002|1600000002.1|q1|NONE|ENTERQUEUE||100|1\n";
    plain += std::string(100, 'x') + "\n";
    plain += "1600000003|1600000000.1|q1|NONE|ABANDON|1|1|3\n";
    for (int i = 0; i < 20000; ++i) plain += "1600000004|NONE|NONE|NONE|CONFIGRELOAD|\n";  // > one read chunk
    const std::string path = TempPath("log.gz");
    WriteFile(path, GzipCompress(plain));
    QueueLogReader r(64);  // small limit: the 100-byte line is too long
    REQUIRE(r.Open(path));
    QueueLogMapper m{QueueLogMapperConfig{}};
    std::vector<Event> ev;
    std::string_view line;
    QueueLogReadStatus st;
    while ((st = r.Next(&line)) != QueueLogReadStatus::End) {
        REQUIRE(st != QueueLogReadStatus::Error);
        if (st == QueueLogReadStatus::TooLong) m.Reject("", QueueLogStatus::TooLong);
        else m.MapLine(line, &ev);
    }
    CHECK(r.gzip());
    CHECK(r.line_number() == 20005);
    const QueueLogSummary& s = m.summary();
    CHECK(s.lines_read == 20005);
    CHECK(s.lines_rejected == 2);
    REQUIRE(s.rejected.size() == 2);
    CHECK(s.rejected[0].line_number == 2);
    CHECK(s.rejected[0].status == QueueLogStatus::BadEncoding);
    CHECK(s.rejected[0].text.substr(0, 15) == "1600000001|16??");
    CHECK(s.rejected[1].status == QueueLogStatus::TooLong);
    CHECK(s.total.entered == 2);
    CHECK(s.total.abandoned == 1);
    CHECK(s.lines_ignored == 20000);
    std::remove(path.c_str());
}

TEST_CASE("queue_log reader: a truncated gzip file reports an error after the lines it could read") {
    std::string plain;
    for (int i = 0; i < 5000; ++i) plain += "1600000004|NONE|NONE|NONE|CONFIGRELOAD|" + std::to_string(i) + "\n";
    std::string gz = GzipCompress(plain);
    gz[gz.size() / 2] ^= 0x55;
    gz[gz.size() / 2 + 1] ^= 0x55;
    const std::string path = TempPath("bad.gz");
    WriteFile(path, gz);
    QueueLogReader r;
    REQUIRE(r.Open(path));
    std::string_view line;
    QueueLogReadStatus st;
    uint64_t n = 0;
    while ((st = r.Next(&line)) == QueueLogReadStatus::Line) ++n;
    CHECK(st == QueueLogReadStatus::Error);
    CHECK(r.damaged());
    CHECK(r.error().rfind("gzip data corrupt at byte ", 0) == 0);
    CHECK(r.error().find(" of the file; the " + std::to_string(n) + " complete lines before it are read") !=
          std::string::npos);
    CHECK(n < 5000);
    CHECK_FALSE(r.TakePartial(&line));  // bytes after the damage are not a line
    QueueLogReader missing;
    CHECK_FALSE(missing.Open("/nonexistent/queue_log"));
    CHECK(missing.error().rfind("cannot open /nonexistent/queue_log", 0) == 0);
    std::remove(path.c_str());
}

TEST_CASE("queue_log reader: a gzip file cut short gives its complete lines, then an error saying where") {
    std::string plain;
    for (int i = 0; i < 3000; ++i) plain += "1767571200|c" + std::to_string(i) + "|support|NONE|ENTERQUEUE||555" + std::to_string(i) + "|1\n";
    const std::string gz = GzipCompress(plain);
    const std::string path = TempPath("cut.gz");
    // Cut in the header, in the compressed data, and in the 8-byte trailer (all data there).
    for (size_t cut : {size_t{5}, size_t{11}, gz.size() / 3, gz.size() / 2 + 1, gz.size() - 8, gz.size() - 1}) {
        CAPTURE(cut);
        WriteFile(path, std::string_view(gz).substr(0, cut));
        // What the cut file decompresses to: its complete lines must come out, nothing more.
        std::string prefix;
        GzipInflater inflater;
        REQUIRE(inflater.Feed(gz.data(), cut, &prefix));
        const size_t complete = prefix.rfind('\n') == std::string::npos ? 0 : prefix.rfind('\n') + 1;
        const uint64_t lines = static_cast<uint64_t>(std::count(prefix.begin(), prefix.end(), '\n'));
        const std::string cut_line = prefix.substr(complete);

        QueueLogReader r;
        REQUIRE(r.Open(path));
        std::string joined;
        for (const std::string& l : ReadAll(r)) joined += l + "\n";
        CHECK(joined == plain.substr(0, complete));
        std::string_view line;
        CHECK(r.Next(&line) == QueueLogReadStatus::Error);
        CHECK(r.damaged());
        CHECK(r.line_number() == lines);
        CHECK(r.consumed_bytes() == complete);
        std::string want = "gzip data cut short: the file ends at byte " + std::to_string(cut) +
                           ", inside the compressed data; ";
        if (cut_line.empty()) {
            want += "the " + std::to_string(lines) + " complete lines before are read";
        } else {
            want += "the " + std::to_string(lines) + " complete lines before are read, line " +
                    std::to_string(lines + 1) + " is cut (" + std::to_string(cut_line.size()) +
                    " bytes) and is not";
        }
        CHECK(r.error() == want);
        CHECK_FALSE(r.TakePartial(&line));  // the cut line is never returned
        CHECK(r.line_number() == lines);
    }
    // A complete gzip file whose last line has no newline: that line is read at the end, as
    // from a plain file.
    WriteFile(path, GzipCompress("1|a|q|NONE|ENTERQUEUE||1|1\n2|a|q|NONE|ABANDON|1|1|1"));
    QueueLogReader r;
    REQUIRE(r.Open(path));
    CHECK(ReadAll(r) == std::vector<std::string>{"1|a|q|NONE|ENTERQUEUE||1|1"});
    std::string_view line;
    CHECK(r.Next(&line) == QueueLogReadStatus::End);
    CHECK_FALSE(r.damaged());
    REQUIRE(r.TakePartial(&line));
    CHECK(line == "2|a|q|NONE|ABANDON|1|1|1");
    std::remove(path.c_str());
}
