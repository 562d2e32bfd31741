#pragma once
/// Escaping text for XML and HTML (the JUnit file, the HTML report): one rule for both.
#include <string>

namespace headroom {

/// `s` safe inside an element or a quoted attribute: & < > " ' and line breaks become references,
/// any other control character (which XML 1.0 forbids outright) the visible text `\x1b`.
std::string escape_markup(const std::string& s);

}  // namespace headroom
