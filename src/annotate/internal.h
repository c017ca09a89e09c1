// Shared by the format writers of annotate/; not part of the stage's contract.
#pragma once

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "annotate/annotate.h"

namespace cairn::annotate {

void WriteConllu(const Document& doc, const WriteOptions& options, std::ostream& out);
void WriteBrat(const Document& doc, std::ostream& out);
void WriteTimeml(const Document& doc, const WriteOptions& options, std::ostream& out);
void WriteJson(const Document& doc, const WriteOptions& options, std::ostream& out);

// One BIO tag per token ("B-PER", "I-LOC", "" outside any mention); a mention
// overlapping one already tagged is left out.
std::vector<std::string> EntityTags(const Document& doc);

}  // namespace cairn::annotate
