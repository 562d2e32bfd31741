// Faults (spec.md §4): a list of maps, each with exactly one kind key (kill, az_outage,
// spot_reclaim, random) whose registry section "fault.KIND" decides the other keys. Checks that
// need the components, their AZs or the run's duration are validate_scenario's.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>
#include <optional>

#include "readers.hpp"

namespace headroom::yaml {
namespace {

using FaultKind = FaultSpec::Kind;

FaultKind fault_kind_of(const std::string& name) {
  if (name == "az_outage") return FaultKind::AzOutage;
  if (name == "spot_reclaim") return FaultKind::SpotReclaim;
  if (name == "random") return FaultKind::Random;
  return FaultKind::Kill;
}

bool contains(const std::vector<std::string>& items, const std::string& s) {
  return std::find(items.begin(), items.end(), s) != items.end();
}

// `web`, or `db.primary` / `db.replica`: a component and, for an rds or an elasticache, the role
// of the instance.
void read_target(Reader& r, const Field& f, FaultSpec& fault) {
  const auto text = r.name(f);
  if (!text) return;
  const std::size_t dot = text->find('.');
  fault.target = text->substr(0, dot);
  if (dot != std::string::npos) fault.role = text->substr(dot + 1);
  if (fault.target.empty() || (dot != std::string::npos && fault.role.empty()))
    r.error(f, "expected a component such as web or db.primary, found '" + *text + "'");
}

// The kind keys of one fault's map; reports a fault with none or with several.
std::optional<std::string> fault_kind(Reader& r, const Field& item) {
  const ParamRegistry& reg = scenario_registry();
  const std::vector<std::string> kinds = reg.fault_kinds();
  std::vector<std::string> known;  // every key some kind of fault takes
  for (const auto& kind : kinds)
    for (const auto& key : reg.fault(kind)->keys())
      if (!contains(known, key)) known.push_back(key);
  std::vector<YAML::Node> found;
  std::optional<YAML::Node> unknown;  // (a default YAML::Node is a defined null, not "none")
  for (auto it = item.node.begin(); it != item.node.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: it-> yields a temporary proxy
    if (!key.IsScalar()) continue;     // MapReader reports it, once the kind is known
    if (contains(kinds, key.Scalar()))
      found.push_back(key);
    else if (!contains(known, key.Scalar()) && !unknown)
      unknown = key;
  }
  if (found.size() == 1) return found[0].Scalar();
  if (found.size() > 1) {
    r.error_at(r.loc(found[1], item.path), item.path,
               "a fault has one kind, found both " + found[0].Scalar() + " and " +
                   found[1].Scalar() + " (give each fault its own list item)");
  } else if (unknown) {
    // With no kind given, a key no fault takes is most likely a misspelt kind.
    const std::string suffix = suggestion_suffix(unknown->Scalar(), kinds);
    r.error_at(r.loc(*unknown, item.path), item.path,
               "unknown fault kind '" + unknown->Scalar() + "'" +
                   (suffix.empty() ? fmt::format(" (expected one of: {})", fmt::join(kinds, ", "))
                                   : suffix));
  } else {
    r.error(item, fmt::format("a fault needs its kind: {} or {}",
                              fmt::join(kinds.begin(), kinds.end() - 1, ", "), kinds.back()));
  }
  return std::nullopt;
}

std::optional<FaultSpec> read_fault(Reader& r, const Field& item) {
  if (!item.node.IsMap()) {
    r.error(item, "expected a fault such as {at: 10m, kill: web}, found " + describe(item.node));
    return std::nullopt;
  }
  const auto kind = fault_kind(r, item);
  if (!kind) return std::nullopt;
  const SectionInfo& section = *scenario_registry().fault(*kind);
  if (!section.supported()) {
    const Field key{true, item.node[*kind], child_path(item.path, *kind)};
    r.error(key, section.not_supported);
    return std::nullopt;
  }
  const MapReader m(r, item, section);
  FaultSpec fault;
  fault.kind = fault_kind_of(*kind);
  fault.loc = r.loc(item);
  switch (fault.kind) {
    case FaultKind::Kill:
      read_target(r, m.get("kill"), fault);
      if (auto v = r.integer(m.get("count"), 1, kIntMax))
        fault.count = static_cast<int>(*v);
      if (auto v = r.duration(m.get("repair"), /*positive=*/true)) fault.repair = *v;
      break;
    case FaultKind::AzOutage:
      if (auto v = r.name(m.get("az_outage"))) fault.target = *v;
      if (auto v = r.duration(m.get("for"), /*positive=*/true)) fault.repair = *v;
      break;
    case FaultKind::Random:
      read_target(r, m.get("random"), fault);
      if (auto v = r.duration(m.get("mtbf"), /*positive=*/true)) fault.mtbf = *v;
      if (auto v = r.duration(m.get("mttr"), /*positive=*/true)) fault.mttr = *v;
      break;
    case FaultKind::SpotReclaim:
      read_target(r, m.get("spot_reclaim"), fault);
      if (auto v = r.fraction(m.get("share"))) {
        if (*v <= 0) r.error(m.get("share"), "a reclaim of 0% reclaims nothing; give a share above 0");
        else fault.share = *v;
      }
      break;
  }
  if (section.find("at") != nullptr)
    if (auto v = r.duration(m.get("at"))) fault.at = *v;
  fault.key_locs = m.value_locs();
  return fault;
}

}  // namespace

void read_faults(Reader& r, const Field& f, ScenarioSpec& spec) {
  const auto items = r.list(f, "a list of faults such as {at: 10m, kill: web}");
  if (!items) return;
  for (const auto& item : *items)
    if (auto fault = read_fault(r, item)) spec.faults.push_back(std::move(*fault));
  // `kill: db` means the primary. Components are read by now, so an rds target is known.
  for (auto& fault : spec.faults) {
    const ComponentSpec* c = spec.find(fault.target);
    if (fault.kind != FaultKind::AzOutage && fault.role.empty() && c != nullptr && c->type == "rds")
      fault.role = "primary";
  }
}

}  // namespace headroom::yaml
