#include "core/qa/qa_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace cb::qa {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Readers that record the first problem with its path.
struct Reader {
    std::string error;
    bool Fail(const std::string& at, const std::string& what) {
        if (error.empty()) error = at + ": " + what;
        return false;
    }
    bool Str(const json& o, const char* key, const std::string& at, std::string* out, bool required) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return required ? Fail(at + "." + key, "missing") : true;
        if (!it->is_string()) return Fail(at + "." + key, "must be a string");
        *out = it->get<std::string>();
        return true;
    }
    bool Dbl(const json& o, const char* key, const std::string& at, double* out, bool required) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return required ? Fail(at + "." + key, "missing") : true;
        if (!it->is_number()) return Fail(at + "." + key, "must be a number");
        *out = it->get<double>();
        return true;
    }
    bool Int(const json& o, const char* key, const std::string& at, int64_t* out, bool required) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return required ? Fail(at + "." + key, "missing") : true;
        if (!it->is_number_integer()) return Fail(at + "." + key, "must be a whole number");
        *out = it->get<int64_t>();
        return true;
    }
    bool Bool(const json& o, const char* key, const std::string& at, bool* out) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return true;
        if (!it->is_boolean()) return Fail(at + "." + key, "must be true or false");
        *out = it->get<bool>();
        return true;
    }
};

json QuestionJson(const Question& q) {
    json j{{"id", q.id}, {"text", q.text}, {"kind", AnswerKindName(q.kind)}, {"points", q.points},
           {"allow_na", q.allow_na}, {"critical", q.critical}, {"auto_fail", q.auto_fail}};
    if (q.kind == AnswerKind::Scale) j["scale_max"] = q.scale_max;
    return j;
}

json AnswerJson(const Answer& a) {
    json j{{"question", a.question}, {"choice", ChoiceName(a.choice)}};
    if (a.choice == Choice::Value) j["value"] = a.value;
    if (!a.comment.empty()) j["comment"] = a.comment;
    return j;
}

json ScoreJsonObj(const EvaluationScore& s) {
    json secs = json::array();
    for (const auto& x : s.sections)
        secs.push_back({{"id", x.id}, {"weight", x.weight}, {"earned", x.earned}, {"possible", x.possible},
                        {"scored", x.scored}, {"auto_failed", x.auto_failed}, {"percent", Num(x.percent)}});
    json qs = json::array();
    for (const auto& q : s.questions)
        qs.push_back({{"id", q.id}, {"section", q.section}, {"na", q.na}, {"earned", q.earned},
                      {"possible", q.possible}, {"critical", q.critical}, {"failed", q.failed}});
    return json{{"scored", s.scored},
                {"percent", Num(s.percent)},
                {"weighted_earned", s.weighted_earned},
                {"weighted_possible", s.weighted_possible},
                {"auto_failed", s.auto_failed},
                {"has_critical", s.has_critical},
                {"critical_percent", Num(s.critical_percent)},
                {"definition", "sum(earned x weight) / sum(possible x weight); N/A = 0 of 0; auto-fail = 0"},
                {"sections", secs},
                {"questions", qs}};
}

json IccJson(const IccResult& r) {
    if (!r.valid) return json{{"valid", false}, {"targets", r.targets}, {"judges", r.judges}};
    return json{{"valid", true}, {"targets", r.targets}, {"judges", r.judges},
                {"icc1_1", Num(r.icc1_1)}, {"icc2_1", Num(r.icc2_1)}, {"icc3_1", Num(r.icc3_1)},
                {"icc1_k", Num(r.icc1_k)}, {"icc2_k", Num(r.icc2_k)}, {"icc3_k", Num(r.icc3_k)},
                {"band", BandName(KooLiBand(r.icc2_1))}};
}

}  // namespace

std::string FormToJson(const Form& form) {
    json secs = json::array();
    for (const auto& s : form.sections) {
        json qs = json::array();
        for (const auto& q : s.questions) qs.push_back(QuestionJson(q));
        secs.push_back({{"id", s.id}, {"title", s.title}, {"weight", s.weight}, {"questions", qs}});
    }
    return Dump(json{{"name", form.name}, {"description", form.description}, {"sections", secs}});
}

bool FormFromJson(std::string_view text, Form* out, std::string* error) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    Reader r;
    Form f;
    if (j.is_discarded() || !j.is_object()) {
        *error = "form: not a JSON object";
        return false;
    }
    r.Str(j, "name", "form", &f.name, true);
    r.Str(j, "description", "form", &f.description, false);
    auto sit = j.find("sections");
    if (sit == j.end() || !sit->is_array()) r.Fail("sections", "must be a list");
    else {
        for (size_t s = 0; s < sit->size() && r.error.empty(); ++s) {
            const json& so = (*sit)[s];
            const std::string at = "sections[" + std::to_string(s) + "]";
            if (!so.is_object()) { r.Fail(at, "must be an object"); break; }
            Section sec;
            r.Str(so, "id", at, &sec.id, true);
            r.Str(so, "title", at, &sec.title, true);
            r.Dbl(so, "weight", at, &sec.weight, true);
            auto qit = so.find("questions");
            if (qit == so.end() || !qit->is_array()) { r.Fail(at + ".questions", "must be a list"); break; }
            for (size_t q = 0; q < qit->size() && r.error.empty(); ++q) {
                const json& qo = (*qit)[q];
                const std::string qat = at + ".questions[" + std::to_string(q) + "]";
                if (!qo.is_object()) { r.Fail(qat, "must be an object"); break; }
                Question qu;
                std::string kind = "yes_no";
                int64_t scale = 5;
                r.Str(qo, "id", qat, &qu.id, true);
                r.Str(qo, "text", qat, &qu.text, true);
                r.Str(qo, "kind", qat, &kind, false);
                if (r.error.empty() && !ParseAnswerKind(kind, &qu.kind)) r.Fail(qat + ".kind", "must be \"yes_no\" or \"scale\"");
                r.Dbl(qo, "points", qat, &qu.points, false);
                r.Int(qo, "scale_max", qat, &scale, false);
                if (scale < 0 || scale > 1000) scale = 0;
                qu.scale_max = static_cast<int>(scale);
                r.Bool(qo, "allow_na", qat, &qu.allow_na);
                r.Bool(qo, "critical", qat, &qu.critical);
                r.Bool(qo, "auto_fail", qat, &qu.auto_fail);
                sec.questions.push_back(std::move(qu));
            }
            f.sections.push_back(std::move(sec));
        }
    }
    if (!r.error.empty()) {
        *error = r.error;
        return false;
    }
    std::string bad = ValidateForm(f);
    if (!bad.empty()) {
        *error = bad;
        return false;
    }
    *out = std::move(f);
    return true;
}

std::string AnswersToJson(const std::vector<Answer>& answers) {
    json a = json::array();
    for (const auto& x : answers) a.push_back(AnswerJson(x));
    return Dump(a);
}

bool AnswersFromJson(std::string_view text, std::vector<Answer>* out, std::string* error) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_array()) {
        *error = "answers: must be a list";
        return false;
    }
    Reader r;
    std::vector<Answer> v;
    for (size_t i = 0; i < j.size() && r.error.empty(); ++i) {
        const json& o = j[i];
        const std::string at = "answers[" + std::to_string(i) + "]";
        if (!o.is_object()) { r.Fail(at, "must be an object"); break; }
        Answer a;
        std::string choice;
        int64_t value = 0;
        r.Str(o, "question", at, &a.question, true);
        r.Str(o, "choice", at, &choice, true);
        if (r.error.empty() && !ParseChoice(choice, &a.choice)) r.Fail(at + ".choice", "must be \"yes\", \"no\", \"value\" or \"na\"");
        r.Int(o, "value", at, &value, a.choice == Choice::Value);
        if (value < -1000 || value > 1000) value = -1;
        a.value = static_cast<int>(value);
        r.Str(o, "comment", at, &a.comment, false);
        v.push_back(std::move(a));
    }
    if (!r.error.empty()) {
        *error = r.error;
        return false;
    }
    *out = std::move(v);
    return true;
}

std::string ScoreToJson(const EvaluationScore& score) { return Dump(ScoreJsonObj(score)); }

std::string CalibrationToJson(const CalibrationResult& r) {
    if (!r.error.empty()) return Dump(json{{"error", r.error}});
    json evs = json::array();
    for (const auto& e : r.evaluators) {
        json qd = json::array();
        for (const auto& d : e.question_deviation) qd.push_back(d ? Num(*d) : json(nullptr));
        evs.push_back({{"evaluator", e.evaluator}, {"reference", e.reference}, {"percent", Num(e.score.percent)},
                       {"auto_failed", e.score.auto_failed}, {"total_deviation", Num(e.total_deviation)},
                       {"mean_abs_question", Num(e.mean_abs_question)}, {"questions_compared", e.questions_compared},
                       {"choices_differing", e.choices_differing}, {"question_deviation", qd}});
    }
    json fk = r.yes_no.valid ? json{{"valid", true}, {"kappa", Num(r.yes_no.kappa)}, {"p_bar", Num(r.yes_no.p_bar)},
                                    {"pe_bar", Num(r.yes_no.pe_bar)}, {"subjects", r.yes_no.subjects},
                                    {"band", BandName(KooLiBand(r.yes_no.kappa))}}
                             : json{{"valid", false}, {"subjects", r.yes_no.subjects}};
    json ka = r.ordinal.valid ? json{{"valid", true}, {"alpha", Num(r.ordinal.alpha)}, {"pairable", r.ordinal.pairable},
                                     {"units", r.ordinal.units}, {"level", "ordinal"},
                                     {"band", BandName(KooLiBand(r.ordinal.alpha))}}
                              : json{{"valid", false}, {"level", "ordinal"}};
    json ids = json::array();
    for (const auto& q : r.question_ids) ids.push_back(q);
    return Dump(json{{"reference", r.reference}, {"questions", ids}, {"evaluators", evs},
                     {"fleiss_kappa_yes_no", fk}, {"krippendorff_alpha", ka}, {"icc_questions", IccJson(r.questions)},
                     {"bands", "Koo & Li 2016: < 0.50 poor, 0.50-0.75 moderate, 0.75-0.90 good, > 0.90 excellent"}});
}

std::string SessionTotalsToJson(const std::vector<SessionTotals>& sessions) {
    json a = json::array();
    for (const auto& s : sessions) {
        json t = json::object(), d = json::object();
        for (const auto& [n, v] : s.totals) t[n] = Num(v);
        for (const auto& [n, v] : s.deviations) d[n] = Num(v);
        a.push_back({{"session", s.session}, {"completed_ms", s.completed_ms}, {"totals", t}, {"deviations", d}});
    }
    return Dump(a);
}

bool SessionTotalsFromJson(std::string_view text, std::vector<SessionTotals>* out, std::string* error) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_array()) {
        *error = "sessions: must be a list";
        return false;
    }
    Reader r;
    std::vector<SessionTotals> v;
    for (size_t i = 0; i < j.size() && r.error.empty(); ++i) {
        const json& o = j[i];
        const std::string at = "sessions[" + std::to_string(i) + "]";
        if (!o.is_object()) { r.Fail(at, "must be an object"); break; }
        SessionTotals s;
        r.Int(o, "session", at, &s.session, true);
        r.Int(o, "completed_ms", at, &s.completed_ms, true);
        for (const char* key : {"totals", "deviations"}) {
            auto it = o.find(key);
            if (it == o.end() || !it->is_object()) { r.Fail(at + "." + key, "must be an object"); break; }
            for (auto e = it->begin(); e != it->end(); ++e) {
                if (!e->is_number()) { r.Fail(at + "." + key + "." + e.key(), "must be a number"); break; }
                (std::string(key) == "totals" ? s.totals : s.deviations).emplace_back(e.key(), e->get<double>());
            }
        }
        v.push_back(std::move(s));
    }
    if (!r.error.empty()) {
        *error = r.error;
        return false;
    }
    *out = std::move(v);
    return true;
}

std::string AgreementToJson(const TotalsAgreement& a, const std::vector<Drift>& drift) {
    json ev = json::array(), ss = json::array(), dr = json::array();
    for (const auto& e : a.evaluators) ev.push_back(e);
    for (auto s : a.sessions) ss.push_back(s);
    for (const auto& d : drift) {
        json pts = json::array();
        for (const auto& [t, v] : d.points) pts.push_back({{"completed_ms", t}, {"deviation", Num(v)}});
        dr.push_back({{"evaluator", d.evaluator}, {"sessions", d.sessions}, {"mean_deviation", Num(d.mean_deviation)},
                      {"mean_abs_deviation", Num(d.mean_abs_deviation)},
                      {"slope_per_30d", d.slope_valid ? Num(d.slope_per_30d) : json(nullptr)}, {"points", pts}});
    }
    return Dump(json{{"evaluators", ev}, {"sessions", ss}, {"icc_totals", IccJson(a.icc)}, {"drift", dr}});
}

}  // namespace cb::qa
