#include <charconv>
#include "server/http/respond.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace cb {

void RespondJson(httplib::Response& res, int status, const std::string& json) {
    res.status = status;
    res.set_content(json, "application/json");
}

void RespondError(httplib::Response& res, int status, std::string_view message, std::string_view path,
                  std::string_view where) {
    nlohmann::json body = {{"error", message}, {"path", path}};
    if (!where.empty()) body["where"] = where;
    res.status = status;
    // Replace rather than add: the error handler may run after a handler set a body.
    res.body.clear();
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void RespondShared(httplib::Response& res, std::shared_ptr<const std::string> body, const char* content_type,
                   std::string_view content_encoding) {
    if (!content_encoding.empty()) res.set_header("Content-Encoding", std::string(content_encoding));
    const size_t size = body->size();
    res.set_content_provider(size, content_type,
                             [body](size_t offset, size_t length, httplib::DataSink& sink) {
                                 return sink.write(body->data() + offset, length);
                             });
}

bool CheckQueryParams(const httplib::Request& req, httplib::Response& res,
                      std::initializer_list<std::string_view> allowed) {
    for (const auto& [name, value] : req.params) {
        bool ok = false;
        for (std::string_view a : allowed) ok = ok || name == a;
        if (!ok) {
            RespondError(res, 400, "unknown query parameter '" + name + "'", req.path, "query");
            return false;
        }
    }
    return true;
}

bool ReadIntParam(const httplib::Request& req, httplib::Response& res, const char* name, int64_t min, int64_t max,
                  int64_t* out) {
    if (!req.has_param(name)) return true;
    const std::string value = req.get_param_value(name);
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), *out);
    if (ec != std::errc() || end != value.data() + value.size() || *out < min || *out > max) {
        RespondError(res, 400,
                     std::string(name) + ": '" + value + "' is not a whole number " + std::to_string(min) + "-" +
                         std::to_string(max),
                     req.path, "query");
        return false;
    }
    return true;
}

}  // namespace cb
