// `callboard import` progress (server/cli/import_progress.h): percent of bytes, rate and time
// left as numbers, the lines it prints, when it prints them on a terminal and off one.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include "server/cli/import_progress.h"

using namespace cb;

namespace {

// Everything written to a FILE* so far.
std::string Written(std::FILE* f) {
    std::fflush(f);
    const long end = std::ftell(f);
    std::string out(static_cast<size_t>(end), '\0');
    std::rewind(f);
    out.resize(std::fread(out.data(), 1, out.size(), f));
    std::fseek(f, 0, SEEK_END);
    return out;
}

ImportProgressSample Sample(double elapsed_s, uint64_t lines, uint64_t done, uint64_t total) {
    return ImportProgressSample{elapsed_s, lines, done, total};
}

}  // namespace

TEST_CASE("import progress: percent of bytes, lines per second and time left") {
    // 10 s in, 2,500,000 lines, 250 MB of 1,000 MB: 25 %, 250,000 lines/s, 30 s left.
    ImportProgressFigures f = ComputeImportProgress(Sample(10, 2500000, 250000000, 1000000000));
    CHECK(f.fraction == doctest::Approx(0.25));
    CHECK(f.lines_per_s == doctest::Approx(250000));
    CHECK(f.seconds_left == doctest::Approx(30));
    // gzip: the bytes are compressed bytes; the lines do not enter the time left.
    f = ComputeImportProgress(Sample(4, 100, 3000, 4000));
    CHECK(f.fraction == doctest::Approx(0.75));
    CHECK(f.lines_per_s == doctest::Approx(25));
    CHECK(f.seconds_left == doctest::Approx(4.0 / 3.0));
    // Too early to tell (under a second, or nothing read yet): unknown, not infinite or zero.
    CHECK(ComputeImportProgress(Sample(0.5, 10, 100, 1000)).seconds_left == -1);
    CHECK(ComputeImportProgress(Sample(3, 0, 0, 1000)).seconds_left == -1);
    CHECK(ComputeImportProgress(Sample(0, 0, 0, 1000)).lines_per_s == 0);
    // Done, past the end (a file that grew meanwhile) and empty files.
    CHECK(ComputeImportProgress(Sample(8, 10, 1000, 1000)).seconds_left == 0);
    f = ComputeImportProgress(Sample(8, 10, 1200, 1000));
    CHECK(f.fraction == 1.0);
    CHECK(f.seconds_left == 0);
    CHECK(ComputeImportProgress(Sample(1, 0, 0, 0)).fraction == 1.0);

    CHECK(DurationText(0) == "0:00");
    CHECK(DurationText(59.4) == "0:59");
    CHECK(DurationText(59.6) == "1:00");
    CHECK(DurationText(754) == "12:34");
    CHECK(DurationText(3723) == "1:02:03");
    CHECK(DurationText(-1) == "?");
    CHECK(GroupDigits(0) == "0");
    CHECK(GroupDigits(999) == "999");
    CHECK(GroupDigits(1234567) == "1,234,567");
}

TEST_CASE("import progress: the lines") {
    CHECK(ImportProgressLine("queue_log.1", 1, 3, 1234567, ComputeImportProgress(Sample(10, 1234567, 421, 1000))) ==
          "queue_log.1 (2 of 3): 42%, 1,234,567 lines, 123,456 lines/s, 0:14 left");
    CHECK(ImportProgressLine("queue_log", 0, 1, 80, ComputeImportProgress(Sample(0.5, 80, 10, 1000))) ==
          "queue_log: 1%, 80 lines, 160 lines/s, time left unknown");
    CHECK(ImportDoneLine("3 files", 4500000, 25) == "3 files: 4,500,000 lines in 0:25, 180,000 lines/s");
    CHECK(ImportDoneLine("queue_log", 0, 0) == "queue_log: 0 lines in 0:00, 0 lines/s");
}

TEST_CASE("import progress: off a terminal a plain line every interval, then the done line") {
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    ImportProgress progress(out, /*terminal=*/false, /*interval_s=*/5.0);
    progress.Update("a.log", 0, 2, Sample(0.1, 10, 10, 1000));   // nothing before the first interval
    progress.Update("a.log", 0, 2, Sample(4.9, 400, 400, 1000));
    CHECK(Written(out).empty());
    progress.Update("a.log", 0, 2, Sample(5.0, 500, 500, 1000));
    progress.Update("a.log", 0, 2, Sample(9.9, 600, 600, 1000));  // 4.9 s after the last: not yet
    progress.Update("b.log", 1, 2, Sample(10.0, 800, 800, 1000));
    progress.Message("callboard: b.log: damaged");
    progress.Done("2 files", 1000, 12.0);
    CHECK(Written(out) ==
          "a.log (1 of 2): 50%, 500 lines, 100 lines/s, 0:05 left\n"
          "b.log (2 of 2): 80%, 800 lines, 80 lines/s, 0:03 left\n"  // 200 bytes at 80 a second
          "callboard: b.log: damaged\n"
          "2 files: 1,000 lines in 0:12, 83 lines/s\n");
    std::fclose(out);
}

TEST_CASE("import progress: on a terminal one line redrawn in place, messages on their own line") {
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    ImportProgress progress(out, /*terminal=*/true);
    progress.Update("q.gz", 0, 1, Sample(0.1, 10, 10, 100));
    progress.Update("q.gz", 0, 1, Sample(0.2, 20, 20, 100));   // 0.1 s later: not redrawn yet
    progress.Update("q.gz", 0, 1, Sample(1.0, 50, 50, 100));
    progress.Message("callboard: q.gz: damaged");
    progress.Done("q.gz", 60, 2.0);
    CHECK(Written(out) ==
          "\rq.gz: 10%, 10 lines, 100 lines/s, time left unknown\033[K"
          "\rq.gz: 50%, 50 lines, 50 lines/s, 0:01 left\033[K"
          "\r\033[Kcallboard: q.gz: damaged\n"
          "\rq.gz: 60 lines in 0:02, 30 lines/s\033[K\n");
    std::fclose(out);
}
