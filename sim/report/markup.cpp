#include "headroom/report/markup.hpp"

#include <fmt/format.h>

namespace headroom {

std::string escape_markup(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;  // &apos; is XML's; &#39; means the same in both
      // Line breaks and tabs as references: an attribute keeps them (a parser would turn them into
      // spaces) and an element means the same.
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        // XML 1.0 allows no other C0 control, not even as a reference (a path holding one made the
        // JUnit file unreadable): it is shown as text instead.
        if (u < 0x20 || u == 0x7F) out += fmt::format("\\x{:02x}", static_cast<unsigned>(u));
        else out += c;
    }
  }
  return out;
}

}  // namespace headroom
