// The JSON report (spec.md §5): the walk of report_walk.cpp, written as a document.
#include <nlohmann/json.hpp>
#include <vector>

#include "headroom/report/writers.hpp"
#include "report/report_json.hpp"
#include "measure/report_walk.hpp"

namespace headroom {
namespace {

using nlohmann::ordered_json;

/// Builds the document from the report's walk. Only the innermost open container changes while
/// it is open, so the pointers to its ancestors stay valid.
class JsonSink final : public ReportSink {
 public:
  JsonSink(ordered_json& root, const FigureOverride& override) : override_(override) { open_.push_back(&root); }
  void open(std::string_view key, bool array) override {
    open_.push_back(&put(key, array ? ordered_json::array() : ordered_json::object()));
  }
  void close() override { open_.pop_back(); }
  void number(std::string_view key, const std::string& path, const ReportNumber& n, FigureTraits) override {
    if (override_)
      if (const auto v = override_(path)) {
        put(key, *v);
        return;
      }
    switch (n.kind) {
      case ReportNumber::Kind::Real: put(key, n.real); break;
      case ReportNumber::Kind::Unsigned: put(key, n.count); break;
      case ReportNumber::Kind::Signed: put(key, n.integer); break;
    }
  }
  void text(std::string_view key, const std::string& value) override { put(key, value); }
  void flag(std::string_view key, bool value) override { put(key, value); }
  void null(std::string_view key) override { put(key, nullptr); }

 private:
  ordered_json& put(std::string_view key, ordered_json value) {
    ordered_json& top = *open_.back();
    if (top.is_array()) {
      top.push_back(std::move(value));
      return top.back();
    }
    ordered_json& slot = top[std::string(key)];
    slot = std::move(value);
    return slot;
  }

  const FigureOverride& override_;
  std::vector<ordered_json*> open_;
};

}  // namespace

nlohmann::ordered_json report_document(const Report& r, const FigureOverride& override) {
  ordered_json j = ordered_json::object();
  JsonSink sink(j, override);
  walk_report(r, sink);
  return j;
}

std::string to_json(const Report& r) { return report_document(r).dump(2) + "\n"; }

}  // namespace headroom
