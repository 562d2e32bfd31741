#pragma once
// One CSV field, as every CSV headroom writes quotes it (RFC 4180).
#include <string>

namespace headroom {

/// `s` as a CSV field: quoted when it holds a comma, a quote or a line break; a text cell that a
/// spreadsheet would read as a formula is neutralised with a leading `'`.
std::string csv_field(const std::string& s);

}  // namespace headroom
