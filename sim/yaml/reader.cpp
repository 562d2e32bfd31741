// Typed reads of YAML nodes. Every message says what was found and what was expected; the unit
// parsers (core/units.cpp) supply the wording for quantities so that it is the same everywhere.
#include "reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "document.hpp"
#include "headroom/core/assert.hpp"
#include "headroom/core/units.hpp"

namespace headroom::yaml {
namespace {

bool under(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return true;
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

std::string last_segment(const std::string& path) {
  const std::size_t dot = path.find_last_of('.');
  std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
  const std::size_t bracket = key.find('[');
  return bracket == std::string::npos ? key : key.substr(0, bracket);
}

template <class T>
std::optional<T> unwrap(Reader& r, const Field& f, const Parsed<T>& p) {
  if (p.ok()) return p.value();
  r.error(f, p.error());
  return std::nullopt;
}

}  // namespace

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

void SourceMap::attribute(const std::string& path, const std::string& file) {
  std::erase_if(files_, [&](const auto& entry) { return under(entry.first, path); });
  files_.emplace_back(path, file);
}

std::string SourceMap::file_for(const std::string& path) const {
  const std::pair<std::string, std::string>* best = nullptr;
  for (const auto& entry : files_)
    if (under(path, entry.first) && (best == nullptr || entry.first.size() >= best->first.size()))
      best = &entry;
  return best == nullptr ? main_file_ : best->second;
}

const SourceLoc* SourceMap::anchor_for(const std::string& path) const {
  const auto it = anchors_.find(path);
  return it == anchors_.end() ? nullptr : &it->second;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    default:
      return "nothing";
  }
}

SourceLoc Reader::loc(const YAML::Node& node, const std::string& path) const {
  const std::string file = sources_.file_for(path);
  // A --set value has no line of its own; its key path (in the message) locates it.
  if (file == kOverrideFile) return SourceLoc{file, 0, 0};
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) {
    if (const SourceLoc* a = sources_.anchor_for(path)) return *a;
    return SourceLoc{file, 0, 0};
  }
  return source_loc(file, mark);
}

void Reader::error(const Field& f, std::string message) {
  out_.error(loc(f), f.path, std::move(message));
}

void Reader::error_at(SourceLoc where, std::string path, std::string message) {
  out_.error(std::move(where), std::move(path), std::move(message));
}

std::optional<std::string> Reader::scalar(const Field& f, const std::string& expected) {
  if (!f) return std::nullopt;
  if (!f.node.IsScalar()) {
    error(f, "expected " + expected + ", found " + describe(f.node));
    return std::nullopt;
  }
  return f.node.Scalar();
}

std::optional<Duration> Reader::duration(const Field& f, bool positive) {
  const auto s = scalar(f, "a duration such as 20ms or 1.5s");
  if (!s) return std::nullopt;
  const auto d = unwrap(*this, f, parse_duration(*s));
  if (d && positive && *d == 0) {
    error(f, "must be longer than 0, found '" + *s + "'");
    return std::nullopt;
  }
  return d;
}

std::optional<double> Reader::size(const Field& f) {
  const auto s = scalar(f, "a size such as 200KB or 1.5GB");
  return s ? unwrap(*this, f, parse_size(*s)) : std::nullopt;
}

std::optional<double> Reader::fraction(const Field& f) {
  const auto s = scalar(f, "a fraction such as 0.1% or 0.001");
  return s ? unwrap(*this, f, parse_fraction(*s)) : std::nullopt;
}

std::optional<double> Reader::rate(const Field& f) {
  const auto s = scalar(f, "a rate such as 500/s or 30000/m");
  return s ? unwrap(*this, f, parse_rate(*s)) : std::nullopt;
}

std::optional<double> Reader::count(const Field& f, bool positive) {
  const auto s = scalar(f, "a count such as 12 or 10k");
  if (!s) return std::nullopt;
  const auto c = unwrap(*this, f, parse_count(*s));
  if (c && positive && *c == 0) {
    error(f, "must be more than 0, found '" + *s + "'");
    return std::nullopt;
  }
  return c;
}

std::optional<std::int64_t> Reader::integer(const Field& f, std::int64_t min, std::int64_t max) {
  const auto s = scalar(f, "a whole number");
  if (!s) return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || ptr != s->data() + s->size()) {
    // Not a plain integer: perhaps `10k`, which counts allow.
    const Parsed<double> c = parse_count(*s);
    if (!c.ok() || c.value() != std::floor(c.value()) || c.value() > 9e18) {
      error(f, "expected a whole number, found '" + *s + "'");
      return std::nullopt;
    }
    v = static_cast<std::int64_t>(c.value());
  }
  if (v < min) {
    error(f, "must be at least " + std::to_string(min) + ", found " + *s);
    return std::nullopt;
  }
  if (v > max) {
    error(f, "must be at most " + std::to_string(max) + ", found " + *s);
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::number(const Field& f) {
  const auto s = scalar(f, "a number such as 1.5");
  if (!s) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || ptr != s->data() + s->size() || !std::isfinite(v) || v < 0) {
    error(f, "expected a non-negative number such as 1.5, found '" + *s + "'");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Reader::boolean(const Field& f) {
  const auto s = scalar(f, "true or false");
  if (!s) return std::nullopt;
  bool b = false;
  if (!YAML::convert<bool>::decode(f.node, b)) {
    error(f, "expected true or false, found '" + *s + "'");
    return std::nullopt;
  }
  return b;
}

std::optional<std::string> Reader::text(const Field& f) {
  if (f && f.node.IsNull()) return std::string();
  return scalar(f, "text");
}

std::optional<std::string> Reader::name(const Field& f) {
  const auto s = scalar(f, "a name");
  if (s && s->empty()) {
    error(f, "expected a name, found an empty string");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Reader::choice(const Field& f, const ParamInfo& param) {
  const auto s = scalar(f, fmt::format("one of: {}", fmt::join(param.choices, ", ")));
  if (!s) return std::nullopt;
  for (const auto& c : param.choices)
    if (c == *s) return s;
  const std::string suffix = suggestion_suffix(*s, param.choices);
  error(f,
        "unknown " + last_segment(f.path) + " '" + *s + "'" +
            (suffix.empty() ? fmt::format(" (expected one of: {})", fmt::join(param.choices, ", "))
                            : suffix));
  return std::nullopt;
}

std::optional<std::vector<Field>> Reader::list(const Field& f, const std::string& expected) {
  if (!f) return std::nullopt;
  if (f.node.IsNull()) return std::vector<Field>{};
  if (!f.node.IsSequence()) {
    error(f, "expected " + expected + ", found " + describe(f.node));
    return std::nullopt;
  }
  std::vector<Field> out;
  for (std::size_t i = 0; i < f.node.size(); ++i)
    out.push_back(Field{true, f.node[i], index_path(f.path, i)});
  return out;
}

std::optional<std::vector<std::string>> Reader::names(const Field& f) {
  const auto items = list(f, "a list of names such as [a, b]");
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : *items) {
    const auto s = name(item);
    if (!s) {
      ok = false;
    } else if (std::find(out.begin(), out.end(), *s) != out.end()) {
      error(item, "'" + *s + "' is listed twice");
      ok = false;
    } else {
      out.push_back(*s);
    }
  }
  return ok ? std::optional(out) : std::nullopt;
}

MapReader::MapReader(Reader& reader, const Field& map, const SectionInfo& section)
    : reader_(reader), field_(map), section_(section) {
  if (!map) return;
  if (!map.node.IsMap() && !map.node.IsNull()) {
    reader_.error(map, fmt::format("expected a map (keys: {}), found {}",
                                   fmt::join(section.keys(), ", "), describe(map.node)));
    return;
  }
  ok_ = true;
  std::map<std::string, int> first_line;
  for (auto it = map.node.begin(); it != map.node.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: it-> yields a temporary proxy
    if (!k.IsScalar()) {
      reader_.error_at(reader_.loc(k, map.path), map.path,
                       "expected a key name, found " + describe(k));
      continue;
    }
    const std::string key = k.Scalar();
    const std::string key_path = child_path(map.path, key);
    const SourceLoc key_loc = reader_.loc(k, key_path);
    const ParamInfo* p = section.find(key);
    if (p == nullptr) {
      const std::string suffix = suggestion_suffix(key, section.keys());
      reader_.error_at(key_loc, map.path,
                       "unknown " + section.key_noun + " '" + key + "'" +
                           (suffix.empty() ? fmt::format(" (expected one of: {})",
                                                         fmt::join(section.keys(), ", "))
                                           : suffix));
    } else if (values_.count(key) != 0) {
      reader_.error_at(
          key_loc, key_path,
          "duplicate key (first given at line " + std::to_string(first_line[key]) + ")");
    } else if (!p->supported()) {
      reader_.error_at(key_loc, key_path, p->not_supported);
    } else {
      values_[key] = it->second;
      first_line[key] = key_loc.line;
    }
  }
  for (const auto& p : section.params)
    if (p.required && !reader_.fragment() && values_.count(p.key) == 0)
      reader_.error(map, "missing required key '" + p.key + "' (" + p.help + ")");
}

Field MapReader::get(const std::string& key) const {
  HEADROOM_ASSERT(section_.find(key) != nullptr,
                  "reader asks for '" + key + "', not in registry section " + section_.name);
  const auto it = values_.find(key);
  if (it == values_.end()) return Field{false, YAML::Node(), child_path(field_.path, key)};
  return Field{true, it->second, child_path(field_.path, key)};
}

std::map<std::string, SourceLoc> MapReader::value_locs() const {
  std::map<std::string, SourceLoc> out;
  for (const auto& [key, node] : values_)
    out[key] = reader_.loc(node, child_path(field_.path, key));
  return out;
}

}  // namespace headroom::yaml
