#pragma once
/// Escaping text for XML and HTML (the JUnit file, the HTML report): one rule for both.
#include <string>

namespace headroom {

/// `s` safe inside an element or a quoted attribute: & < > " ' become entities.
std::string escape_markup(const std::string& s);

}  // namespace headroom
