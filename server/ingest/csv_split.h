// Splitting one line of a delimited text file into fields, with RFC 4180 quoting on one line:
// shared by the queue_log realtime export (queue_log_csv.cpp) and per-call records (cdr_rows.cpp).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cb {

// Splits `line` at `sep`. A field that starts with '"' is quoted: it may hold the separator, and
// "" stands for a quote; text after its closing quote up to the separator is kept. Fields are
// appended unescaped to *storage; *fields gets (offset, length) into it. False on a quote that
// is never closed.
bool SplitCsv(std::string_view line, char sep, std::string* storage, std::vector<std::pair<size_t, size_t>>* fields);

}  // namespace cb
