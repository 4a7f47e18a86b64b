#include "server/ingest/csv_split.h"

namespace cb {

bool SplitCsv(std::string_view line, char sep, std::string* storage, std::vector<std::pair<size_t, size_t>>* fields) {
    storage->clear();
    fields->clear();
    size_t i = 0;
    while (true) {
        const size_t begin = storage->size();
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') { storage->push_back('"'); i += 2; continue; }
                    ++i;
                    closed = true;
                    break;
                }
                storage->push_back(line[i++]);
            }
            if (!closed) return false;
            while (i < line.size() && line[i] != sep) storage->push_back(line[i++]);  // tolerate text after the quote
        } else {
            while (i < line.size() && line[i] != sep) storage->push_back(line[i++]);
        }
        fields->emplace_back(begin, storage->size() - begin);
        if (i >= line.size()) break;
        ++i;  // separator
    }
    return true;
}

}  // namespace cb
