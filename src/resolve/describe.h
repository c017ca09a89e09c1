// Human-readable renderings of resolved facts, shared by conflict
// explanations and the views.
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"

namespace cairn::resolve {

// A date interval at the precision its ends allow: "1997-04-27",
// "1997-04", "1997", "1957..1958", "1996-12..1997-02", "before 2004",
// "from 1997-04", "?" when unknown.
std::string DescribeDate(const DateInterval& d);

// "born", "died", "crossed a border", ... for explanations ("born 1957..1958").
std::string DescribeEventType(std::string_view type);

// At most `max_bytes` of `s`, cut at a UTF-8 boundary and a word where
// possible, with "..." appended when cut.
std::string Abbreviate(std::string_view s, size_t max_bytes);

}  // namespace cairn::resolve
