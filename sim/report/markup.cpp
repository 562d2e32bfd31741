#include "headroom/report/markup.hpp"

namespace headroom {

std::string escape_markup(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;  // &apos; is XML's; &#39; means the same in both
      default: out += c;
    }
  }
  return out;
}

}  // namespace headroom
