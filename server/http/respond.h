// Response helpers shared by the route files: JSON bodies, JSON errors, query checks, and
// shared immutable bodies sent without copying or recompression.
#pragma once
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}

namespace cb {

void RespondJson(httplib::Response& res, int status, const std::string& json);
// {"error": message, "path": path} plus any "where".
void RespondError(httplib::Response& res, int status, std::string_view message, std::string_view path,
                  std::string_view where = {});
// Serves `body` as-is (no recompression by the library); the string is kept alive by the
// response. content_encoding may be empty.
void RespondShared(httplib::Response& res, std::shared_ptr<const std::string> body, const char* content_type,
                   std::string_view content_encoding);
// 400s a request carrying a query parameter not in `allowed`; returns false when it did.
bool CheckQueryParams(const httplib::Request& req, httplib::Response& res,
                      std::initializer_list<std::string_view> allowed);
// Reads the optional whole-number query parameter `name` into *out (left unchanged when
// absent). Outside min..max or not a number: answers 400 naming the parameter and returns false.
bool ReadIntParam(const httplib::Request& req, httplib::Response& res, const char* name, int64_t min, int64_t max,
                  int64_t* out);

}  // namespace cb
