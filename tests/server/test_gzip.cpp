// gzip with zlib (server/base/gzip.h): round trips, a file written by gzip(1), concatenated
// members, padding, corrupt data with its offset, and a stream cut short at every byte.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include "server/base/gzip.h"
#include "server_test_util.h"

using cb::GzipCompress;
using cb::GzipInflate;
using cb::GzipInflater;

namespace {

std::string Sample(int lines) {
    std::string s;
    for (int i = 0; i < lines; ++i) {
        s += std::to_string(1767571200 + i) + "|" + std::to_string(i * 7919 % 100003) + ".1|support|PJSIP/" +
             std::to_string(1000 + i % 37) + "|CONNECT|" + std::to_string(i % 60) + "|m" + std::to_string(i) + "|1\n";
    }
    return s;
}

// Feeds the data in chunks of `chunk` bytes; false when a Feed fails.
bool FeedAll(GzipInflater& inflater, const std::string& gz, size_t chunk, std::string* out) {
    for (size_t at = 0; at < gz.size(); at += chunk) {
        if (!inflater.Feed(gz.data() + at, std::min(chunk, gz.size() - at), out)) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("gzip: round trip whole and streamed in chunks of any size") {
    const std::string plain = Sample(20000);  // ~1 MB: several output buffers
    const std::string gz = GzipCompress(plain);
    REQUIRE(gz.size() > 18);
    CHECK(static_cast<unsigned char>(gz[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(gz[1]) == 0x8b);
    CHECK(gz.size() < plain.size() / 3);
    std::string whole;
    REQUIRE(GzipInflate(gz, &whole));
    CHECK(whole == plain);
    for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, size_t{65536}}) {
        GzipInflater inflater;
        std::string out;
        REQUIRE(FeedAll(inflater, gz, chunk, &out));
        CHECK(inflater.complete());
        CHECK(inflater.input_bytes() == gz.size());
        CHECK(out == plain);
    }
    std::string empty;
    REQUIRE(GzipInflate(GzipCompress(""), &empty));
    CHECK(empty.empty());
}

TEST_CASE("gzip: reads what gzip(1) writes, concatenated members and zero padding") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/a";
    const std::string plain = Sample(3000);
    std::ofstream(path, std::ios::binary) << plain;
    REQUIRE(std::system(("gzip -n -9 " + path).c_str()) == 0);
    std::ifstream in(path + ".gz", std::ios::binary);
    const std::string by_gzip((std::istreambuf_iterator<char>(in)), {});
    std::string out;
    REQUIRE(GzipInflate(by_gzip, &out));
    CHECK(out == plain);

    // `cat a.gz b.gz` is one gzip file holding both (gzip -d reads it so).
    const std::string two = GzipCompress("first\n") + GzipCompress("second\n");
    REQUIRE(GzipInflate(two, &out));
    CHECK(out == "first\nsecond\n");
    GzipInflater bytewise;
    out.clear();
    REQUIRE(FeedAll(bytewise, two, 1, &out));
    CHECK(bytewise.complete());
    CHECK(out == "first\nsecond\n");
    // Zero bytes after the last member (tape or block padding) are ignored.
    REQUIRE(GzipInflate(GzipCompress("padded\n") + std::string(100, '\0'), &out));
    CHECK(out == "padded\n");
}

TEST_CASE("gzip: corrupt data is refused with its offset; a stream cut short is never complete") {
    const std::string plain = Sample(2000);
    const std::string gz = GzipCompress(plain);
    std::string damaged = gz;
    damaged[gz.size() / 2] ^= 0x55;
    damaged[gz.size() / 2 + 1] ^= 0x55;
    GzipInflater inflater;
    std::string out;
    CHECK_FALSE(FeedAll(inflater, damaged, 4096, &out));
    CHECK_FALSE(inflater.complete());
    CHECK(inflater.corrupt_at() >= gz.size() / 2);
    CHECK(inflater.corrupt_at() <= gz.size());
    // What came before the damage is right (bad output after it is caught at the latest by the
    // member's CRC at its end).
    REQUIRE(out.size() >= plain.size() / 4);
    CHECK(plain.compare(0, plain.size() / 4, out, 0, plain.size() / 4) == 0);
    CHECK_FALSE(inflater.Feed(gz.data(), gz.size(), &out));                // done after a failure

    GzipInflater not_gzip;
    CHECK_FALSE(not_gzip.Feed("plain text\n", 11, &out));
    CHECK(not_gzip.corrupt_at() <= 11);
    CHECK_FALSE(GzipInflate("plain text\n", &out));
    // Something other than zeros after a member is not gzip either.
    CHECK_FALSE(GzipInflate(GzipCompress("a\n") + "trailing text", &out));

    // Every proper prefix: Feed works (the data so far is valid) but the stream is incomplete.
    for (size_t cut = 0; cut < gz.size(); cut += (cut < 64 || gz.size() - cut < 64) ? 1 : 97) {
        GzipInflater partial;
        std::string got;
        CHECK(partial.Feed(gz.data(), cut, &got));
        CHECK_FALSE(partial.complete());
        CHECK(plain.compare(0, got.size(), got) == 0);
        CHECK_FALSE(GzipInflate(gz.substr(0, cut), &got));
    }
}
