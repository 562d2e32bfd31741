#include "report/csv_field.hpp"

#include <cstdlib>
#include <string_view>

namespace headroom {

namespace {
/// A number written as text ("-2.5", "1e3") stays a number to a spreadsheet and needs no guard.
bool is_number(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}
}  // namespace

std::string csv_field(const std::string& s) {
  // A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a
  // spreadsheet: it gets a leading `'` and is quoted, as OWASP's advice on CSV injection says
  // (owasp.org/www-community/attacks/CSV_Injection). Numbers, negative ones included, stay numbers.
  const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos &&
                       !is_number(s);
  if (!formula && s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace headroom
