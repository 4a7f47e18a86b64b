// Translations: every UI string is a Str id looked up in one table (i18n_strings.h), in
// Simplified Chinese or English. Views never hold literal UI text.
#pragma once
#include <cstdint>
#include <string_view>
#include "core/events.h"
#include "core/kpi.h"
#include "core/snapshot.h"

namespace cb {

enum class Lang : uint8_t { En, Zh };

#define CB_STR_ENUM(id, en, zh) id,
enum class Str : uint16_t {
#include "i18n_strings.h"
    kCount
};
#undef CB_STR_ENUM

// The active language and lookups. Cheap to copy; views receive it in their context.
struct I18n {
    Lang lang = Lang::En;
    const char* operator()(Str id) const;
    const char* State(AgentState s) const;
    const char* Reason(NotReadyReason r) const;
    const char* Variant(SlVariant v) const;       // formula of a service-level variant
    const char* Scenario(int scenario) const;      // demo scenario display name
};

// Picks the language from a locale tag ("zh-CN", "zh_CN.UTF-8", "en-US"): Chinese for any
// "zh" tag, English otherwise.
Lang LangFromLocale(std::string_view locale);
std::string_view LangCode(Lang lang);   // "en" / "zh"

}  // namespace cb
