#include "server/auth/phone.h"

namespace cb {

std::string MaskPhone(std::string_view number) {
    int digits = 0;
    for (char c : number) digits += c >= '0' && c <= '9';
    std::string out(number);
    int seen = 0;
    for (char& c : out) {
        if (c < '0' || c > '9') continue;
        const bool keep = digits > 7 && (seen < 3 || seen >= digits - 4);
        if (!keep) c = '*';
        ++seen;
    }
    return out;
}

}  // namespace cb
