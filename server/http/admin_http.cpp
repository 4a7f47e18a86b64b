#include "server/http/admin_http.h"

#include <httplib.h>
#include <vector>
#include "server/http/respond.h"

namespace cb {

int HttpStatusOf(AdminOutcome::Kind kind) {
    switch (kind) {
    case AdminOutcome::Kind::Ok: return 200;
    case AdminOutcome::Kind::Invalid: return 400;
    case AdminOutcome::Kind::Forbidden: return 403;
    case AdminOutcome::Kind::NotFound: return 404;
    case AdminOutcome::Kind::Conflict: return 409;
    case AdminOutcome::Kind::Failed: return 500;
    }
    return 500;
}

void RespondOutcome(httplib::Response& res, const AdminOutcome& outcome, std::string_view path) {
    nlohmann::json body = {{"error", outcome.message}, {"path", path}, {"code", outcome.code}};
    if (!outcome.field.empty()) {
        body["field"] = outcome.field;
        body["where"] = "body";
    }
    res.status = HttpStatusOf(outcome.kind);
    res.body.clear();
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

std::optional<nlohmann::json> ReadJsonBody(const httplib::Request& req, httplib::Response& res,
                                           std::initializer_list<std::string_view> allowed) {
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
        RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "content_type", "", "expected Content-Type: application/json"),
                       req.path);
        res.status = 415;
        return std::nullopt;
    }
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "not_object", "", "body: expected a JSON object"), req.path);
        return std::nullopt;
    }
    for (const auto& [key, value] : body.items()) {
        (void)value;
        bool known = false;
        for (std::string_view a : allowed) known = known || key == a;
        if (!known) {
            RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "unknown_field", key, "not a field of this request"),
                           req.path);
            return std::nullopt;
        }
    }
    return body;
}

std::optional<std::string> StringField(const nlohmann::json& body, const char* name, httplib::Response& res,
                                       std::string_view path, std::string fallback) {
    auto it = body.find(name);
    if (it == body.end()) return fallback;
    if (!it->is_string()) {
        RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "bad_type", name, "expected a string"), path);
        return std::nullopt;
    }
    return it->get<std::string>();
}

void RefuseOtherMethods(httplib::Server& server, const std::string& pattern, std::initializer_list<std::string_view> allowed) {
    std::string allow;
    for (std::string_view m : allowed) {
        allow += (allow.empty() ? "" : ", ") + std::string(m);
        if (m == "GET") allow += ", HEAD";
    }
    auto refuse = [allow](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Allow", allow);
        RespondError(res, 405, "method " + req.method + " not allowed", req.path);
    };
    auto allowed_has = [&](std::string_view m) {
        for (std::string_view a : allowed)
            if (a == m) return true;
        return false;
    };
    if (!allowed_has("GET")) server.Get(pattern, refuse);
    if (!allowed_has("POST")) server.Post(pattern, refuse);
    if (!allowed_has("PUT")) server.Put(pattern, refuse);
    if (!allowed_has("PATCH")) server.Patch(pattern, refuse);
    if (!allowed_has("DELETE")) server.Delete(pattern, refuse);
}

}  // namespace cb
