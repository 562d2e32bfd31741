#include "document.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <string_view>
#include <vector>

namespace headroom::yaml {
namespace {

std::string_view line_at(std::string_view text, std::size_t start) {
  const std::size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

bool starts_document(std::string_view line) {
  return line.substr(0, 3) == "---" &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

bool blank_or_comment(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t\r");
  return first == std::string_view::npos || line[first] == '#';
}

// Where the document whose content yaml-cpp marks at `content` opens: its `---` line, found
// above the content past blank and comment lines; the content itself when there is none (the
// document followed a `...`).
YAML::Mark document_start(std::string_view text, const YAML::Mark& content) {
  std::vector<std::size_t> line_starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  if (content.is_null() || content.line >= static_cast<int>(line_starts.size())) return content;
  for (int line = content.line; line >= 0; --line) {
    const std::string_view here = line_at(text, line_starts[static_cast<std::size_t>(line)]);
    if (starts_document(here)) {
      YAML::Mark mark;
      mark.pos = static_cast<int>(line_starts[static_cast<std::size_t>(line)]);
      mark.line = line;
      return mark;
    }
    if (line != content.line && !blank_or_comment(here)) break;
  }
  return content;
}

// Counts a parse's events, and stops it (by throwing) past a bound that no text of that length can
// reach: every event but a document's end consumes at least one character of the text, or is
// an empty node beside an indicator that does, so 4 per byte is generous.
class EventBudget final : public YAML::EventHandler {
 public:
  explicit EventBudget(std::size_t bytes) : left_(4 * bytes + 64) {}
  struct Exhausted {
    YAML::Mark mark;
  };
  void OnDocumentStart(const YAML::Mark& m) override { spend(m); }
  void OnDocumentEnd() override { spend(last_); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { spend(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { spend(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { spend(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    spend(m);
  }
  void OnSequenceEnd() override { spend(last_); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    spend(m);
  }
  void OnMapEnd() override { spend(last_); }

 private:
  void spend(const YAML::Mark& m) {
    last_ = m;
    if (left_-- == 0) throw Exhausted{m};
  }
  std::size_t left_;
  YAML::Mark last_ = YAML::Mark::null_mark();
};

}  // namespace

std::optional<YAML::Mark> yaml_stalls(const std::string& text) {
  std::istringstream in(text);
  EventBudget budget(text.size());
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(budget)) {
    }
  } catch (const EventBudget::Exhausted& e) {
    return e.mark;
  } catch (const YAML::Exception&) {
    // A syntax error: the real parse reports it, with its message.
  }
  return std::nullopt;
}

bool has_key(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return false;
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return true;
  return false;
}

YAML::Node value_at(const YAML::Node& map, const std::string& key) {
  if (map.IsMap())
    for (auto it = map.begin(); it != map.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return YAML::Node();
}

SourceLoc source_loc(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return SourceLoc{file, 0, 0};
  return SourceLoc{file, mark.line + 1, mark.column + 1};
}

std::optional<YAML::Node> parse_yaml(const std::string& text, const std::string& file_label,
                                     Diagnostics& diags) {
  if (const auto stall = yaml_stalls(text)) {
    diags.error(source_loc(file_label, *stall), "",
                "invalid YAML: the parser makes no progress here (a ',' outside [ ] or { } where a value "
                "should start? quote it, or put the list in brackets)");
    return std::nullopt;
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    diags.error(source_loc(file_label, e.mark), "", "invalid YAML: " + e.msg);
    return std::nullopt;
  }
  if (documents.size() > 1) {
    // YAML::Load would read the first and silently drop the rest.
    diags.error(source_loc(file_label, document_start(text, documents[1].Mark())), "",
                "a second YAML document starts here; the file must hold exactly one (remove the "
                "'---' line, or split the file)");
    return std::nullopt;
  }
  return documents.empty() ? YAML::Node() : documents[0];
}

}  // namespace headroom::yaml
