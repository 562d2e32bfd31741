// Control characters in UTF-8 text: finding them (the loader rejects them in names) and showing
// them (writers that must print a user's text, such as a path, show them as escapes).
#include "headroom/core/printable.hpp"

#include <fmt/format.h>

namespace headroom {
namespace {

/// The code point at `i` and its length in bytes; a byte that does not start a valid sequence
/// is taken as itself (one byte), so malformed text is still walked to its end.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  auto at = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  if (b < 0x80) return {b, 1};
  if ((b & 0xE0) == 0xC0 && cont(1)) return {(static_cast<char32_t>(b & 0x1F) << 6) | at(1), 2};
  if ((b & 0xF0) == 0xE0 && cont(1) && cont(2)) return {(static_cast<char32_t>(b & 0x0F) << 12) | (at(1) << 6) | at(2), 3};
  if ((b & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3))
    return {(static_cast<char32_t>(b & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3), 4};
  return {b, 1};
}

bool is_control(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool is_line_break(char32_t c) { return c == '\n' || c == '\t' || c == '\r'; }

std::string shown(char32_t c) {
  switch (c) {
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    default: return c < 0x100 ? fmt::format("\\x{:02x}", static_cast<unsigned>(c)) : fmt::format("\\u{:04x}", static_cast<unsigned>(c));
  }
}

std::string escaped(std::string_view text, bool keep_newline) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, n] = decode(text, i);
    if (is_control(c) && !(keep_newline && c == '\n')) out += shown(c);
    else out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::string ControlChar::str() const {
  const char* names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF (newline)", "VT", "FF",
                         "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
                         "ESC", "FS", "GS", "RS", "US"};
  std::string name = code < 0x20 ? names[code] : code == 0x7F ? "DEL" : code <= 0x9F ? "a C1 control" : "a bidirectional control";
  return fmt::format("U+{:04X} ({})", static_cast<unsigned>(code), name);
}

std::optional<ControlChar> first_control(std::string_view text, bool allow_line_breaks) {
  std::size_t character = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, n] = decode(text, i);
    ++character;
    if (is_control(c) && !(allow_line_breaks && is_line_break(c))) return ControlChar{i, character, c};
    i += n;
  }
  return std::nullopt;
}

std::string visible(std::string_view text) { return escaped(text, false); }

std::string terminal_safe(std::string_view text) { return escaped(text, true); }

}  // namespace headroom
