// Service demands and delays (spec.md §3): `20ms` alone is exponential, as queueing models assume
// by default; a map picks another shape by its coefficient of variation. A fault's timings
// (failover_time: 90s) are exact when bare: an architect who writes 90 s means 90 s.
#include <fmt/format.h>

#include <cmath>

#include "headroom/core/units.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

using DistKind = DistSpec::Kind;

DistKind dist_kind_of(const std::string& name) {
  if (name == "deterministic") return DistKind::Deterministic;
  if (name == "lognormal") return DistKind::Lognormal;
  if (name == "gamma") return DistKind::Gamma;
  if (name == "uniform") return DistKind::Uniform;
  return DistKind::Exponential;
}

std::string article(const std::string& word) {
  return word.find_first_of("aeiou") == 0 ? "an" : "a";
}

// Uniform on [0, 2·mean] has the largest cv a uniform distribution with that mean can have.
const double kUniformMaxCv = 1 / std::sqrt(3.0);

void read_min_max(Reader& r, const MapReader& m, DistSpec& d) {
  if (m.has("mean") || m.has("cv")) {
    r.error(m.has("mean") ? m.get("mean") : m.get("cv"),
            "give a uniform distribution either min and max or mean (and cv), not both");
    return;
  }
  if (!m.has("min") || !m.has("max")) {
    r.error_at(m.loc(), m.path(), "a uniform distribution needs both min and max");
    return;
  }
  const auto lo = r.duration(m.get("min"));
  const auto hi = r.duration(m.get("max"));
  if (!lo || !hi) return;
  if (*hi <= *lo) {
    r.error(m.get("max"), "max (" + format_duration(*hi) + ") must be more than min (" +
                              format_duration(*lo) + ")");
    return;
  }
  const double mean = (static_cast<double>(*lo) + static_cast<double>(*hi)) / 2;
  d.mean = std::llround(mean);
  d.cv = static_cast<double>(*hi - *lo) / (std::sqrt(12.0) * mean);
}

void read_cv(Reader& r, const MapReader& m, const std::string& dist, DistSpec& d) {
  const Field f = m.get("cv");
  const auto cv = r.number(f);
  switch (d.kind) {
    case DistKind::Exponential:
      d.cv = 1;
      if (cv && *cv != 1)
        r.error(f, "an exponential distribution has cv 1; for cv " + fmt::format("{}", *cv) +
                       " use dist: gamma or lognormal");
      return;
    case DistKind::Deterministic:
      d.cv = 0;
      if (cv && *cv != 0)
        r.error(f, "a deterministic distribution has cv 0; for cv " + fmt::format("{}", *cv) +
                       " use dist: gamma, lognormal or uniform");
      return;
    case DistKind::Lognormal:
    case DistKind::Gamma:
      d.cv = 1;
      if (cv && *cv <= 0)
        r.error(f, article(dist) + " " + dist +
                       " distribution needs cv > 0 (use dist: deterministic for none)");
      else if (cv)
        d.cv = *cv;
      return;
    case DistKind::Uniform:
      d.cv = kUniformMaxCv;
      if (cv && *cv > kUniformMaxCv + 1e-12)
        r.error(f,
                "a uniform distribution has cv at most 1/sqrt(3) = 0.577 (uniform from 0 to "
                "twice the mean), found " +
                    fmt::format("{}", *cv));
      else if (cv)
        d.cv = *cv;
      return;
  }
}

}  // namespace

DistSpec exponential_dist(Duration mean, const SourceLoc& loc) {
  DistSpec d;
  d.kind = DistKind::Exponential;
  d.mean = mean;
  d.cv = 1;
  d.loc = loc;
  return d;
}

DistSpec lognormal_dist(Duration mean, double cv, const SourceLoc& loc) {
  DistSpec d;
  d.kind = DistKind::Lognormal;
  d.mean = mean;
  d.cv = cv;
  d.loc = loc;
  return d;
}

std::optional<DistSpec> read_dist(Reader& r, const Field& f, BareDuration bare) {
  if (!f) return std::nullopt;
  DistSpec d;
  d.loc = r.loc(f);
  if (f.node.IsScalar()) {
    const auto mean = r.duration(f, /*positive=*/true);
    if (!mean) return std::nullopt;
    d.mean = *mean;
    if (bare == BareDuration::Exact) {
      d.kind = DistKind::Deterministic;
      d.cv = 0;
    }
    return d;
  }
  if (!f.node.IsMap()) {
    r.error(
        f, "expected a duration such as 20ms or a map {mean, dist, cv}, found " + describe(f.node));
    return std::nullopt;
  }
  const std::size_t errors_before = r.diagnostics().items().size();
  const SectionInfo& section = scenario_registry().at("distribution");
  const MapReader m(r, f, section);
  std::string dist = "exponential";
  if (const auto v = r.choice(m.get("dist"), *section.find("dist")))
    dist = *v;
  else if (m.has("dist"))
    return std::nullopt;  // reported; checking cv against a guessed shape would only mislead
  d.kind = dist_kind_of(dist);
  if (d.kind == DistKind::Uniform && (m.has("min") || m.has("max"))) {
    read_min_max(r, m, d);
  } else {
    if (m.has("min") || m.has("max"))
      r.error(m.has("min") ? m.get("min") : m.get("max"), "min and max go with dist: uniform; " +
                                                              article(dist) + " " + dist +
                                                              " distribution takes mean and cv");
    if (!m.has("mean"))
      r.error_at(m.loc(), m.path(), "missing required key 'mean' (the mean duration)");
    if (const auto mean = r.duration(m.get("mean"), /*positive=*/true)) d.mean = *mean;
    read_cv(r, m, dist, d);
  }
  if (r.diagnostics().items().size() != errors_before) return std::nullopt;
  return d;
}

std::map<std::string, DistSpec> read_dist_map(Reader& r, const Field& f, const std::string& what) {
  std::map<std::string, DistSpec> out;
  if (!f || f.node.IsNull()) return out;
  if (!f.node.IsMap()) {
    r.error(f, "expected a map of " + what + ", found " + describe(f.node));
    return out;
  }
  for (auto it = f.node.begin(); it != f.node.end(); ++it) {
    const std::string name = it->first.Scalar();
    if (auto d = read_dist(r, Field{true, it->second, child_path(f.path, name)})) out[name] = *d;
  }
  return out;
}

}  // namespace headroom::yaml
