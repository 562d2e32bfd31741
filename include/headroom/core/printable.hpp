#pragma once
/// Names are any printable Unicode (issue 16): what counts as a control character, and how a
/// writer that must show one anyway (a file path, a diagnostic echoing the user's text) makes it
/// visible instead of letting it act on a terminal.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace headroom {

/// One control character found in UTF-8 text.
struct ControlChar {
  std::size_t offset = 0;      ///< its byte offset
  std::size_t character = 0;   ///< its 1-based position in characters (code points)
  char32_t code = 0;
  std::string str() const;     ///< "U+001B (ESC)"
};

/// The first control character of `text`: C0 (U+0000–U+001F, which holds newline, tab and ESC),
/// DEL, C1 (U+0080–U+009F) and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069, which reorder what a reader sees). `allow_line_breaks` lets newline, tab and
/// carriage return through (free text such as a description, which YAML folds into lines).
std::optional<ControlChar> first_control(std::string_view text, bool allow_line_breaks = false);

/// `text` with every control character (newline too) shown as an escape, `\n`, `\t`, `\x1b`,
/// `\u202e`, and backslashes left alone: safe to print on one terminal line.
std::string visible(std::string_view text);

/// `text` for a terminal: newlines kept (it is a whole report), every other control shown as
/// `visible` shows it, so no escape sequence reaches the terminal.
std::string terminal_safe(std::string_view text);

}  // namespace headroom
