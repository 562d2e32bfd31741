// A sweep's JSON document (headroom.sweep/1), its reading back, and the merge of shards. The
// records carry each run's figures as doubles printed in their shortest exact form (nlohmann's
// dtoa), so a record read back is bit-identical to the one written, and a merged sweep
// summarises exactly the numbers an unsharded one does.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "headroom/study/sweep.hpp"
#include "report/interval_format.hpp"

namespace headroom {
namespace {

using json = nlohmann::json;

json check_json(const SloCheck& c) {
  return {{"metric", c.metric}, {"class", c.cls}, {"limit", c.limit}, {"value", c.value},
          {"met", c.met},       {"binding", c.binding}};
}

SloCheck check_of(const json& j) {
  SloCheck c;
  c.metric = j.at("metric").get<std::string>();
  c.cls = j.at("class").get<std::string>();
  c.limit = j.at("limit").get<double>();
  c.value = j.at("value").get<double>();
  c.met = j.at("met").get<bool>();
  c.binding = j.at("binding").get<bool>();
  return c;
}

json record_to(const JobRecord& r) {
  json figures = json::object();
  for (const auto& [k, v] : r.figures) figures[k] = v;
  json slo = json::array();
  for (const auto& c : r.slo) slo.push_back(check_json(c));
  json out = {{"figures", figures}, {"slo", slo}, {"partial", r.partial}};
  if (!r.note.empty()) out["note"] = r.note;
  return out;
}

JobRecord record_from(const json& j) {
  JobRecord r;
  r.done = true;
  for (const auto& [k, v] : j.at("figures").items()) r.figures.emplace_back(k, v.get<double>());
  for (const auto& c : j.at("slo")) r.slo.push_back(check_of(c));
  r.partial = j.at("partial").get<bool>();
  if (j.contains("note")) r.note = j.at("note").get<std::string>();
  return r;
}

// The report's interval (interval_format.hpp) with its replication count, which a sweep's reader
// needs back; json's keys sort, so the bytes do not depend on the order they are added in.
json sweep_interval_json(const Interval& i) {
  json j = interval_json(i);
  j["n"] = i.n;
  return j;
}

InputError not_a_sweep(const std::string& file, const std::string& why) {
  return InputError(std::vector<Diagnostic>{{SourceLoc{file, 0, 0}, "", "not a headroom sweep result: " + why}});
}

bool same_space(const SweepResult& a, const SweepResult& b) {
  if (a.kind != b.kind || a.space.scenario != b.space.scenario || a.space.seeds != b.space.seeds ||
      a.space.parameters.size() != b.space.parameters.size() || a.context_json != b.context_json ||
      a.records.size() != b.records.size())
    return false;
  for (std::size_t i = 0; i < a.space.parameters.size(); ++i)
    if (a.space.parameters[i].path != b.space.parameters[i].path ||
        a.space.parameters[i].values != b.space.parameters[i].values)
      return false;
  return true;
}

}  // namespace

std::string record_json(const JobRecord& r) { return record_to(r).dump(); }

JobRecord parse_record(const std::string& text) { return record_from(json::parse(text)); }

std::string sweep_json(const SweepResult& r) {
  json params = json::array();
  for (const auto& p : r.space.parameters) params.push_back({{"path", p.path}, {"values", p.values}});
  json doc = {{"schema", "headroom.sweep/1"},
              {"kind", r.kind},
              {"scenario", r.space.scenario},
              {"parameters", params},
              {"seeds", r.space.seeds},
              {"jobs", r.records.size()}};
  if (!r.shard.whole()) doc["shard"] = r.shard.str();
  if (!r.context_json.empty()) doc["context"] = json::parse(r.context_json);
  json records = json::array();
  const std::size_t seeds = r.space.seeds.size();
  for (std::size_t i = 0; i < r.records.size(); ++i) {
    if (!r.records[i].done) continue;
    json rec = record_to(r.records[i]);
    rec["job"] = i;
    if (r.kind == "sweep") {
      rec["point"] = i / seeds;
      rec["seed"] = r.space.seeds[i % seeds];
    }
    records.push_back(std::move(rec));
  }
  doc["records"] = std::move(records);
  if (r.kind == "sweep" && r.complete()) {
    const std::vector<SweepPoint> points = summarise_sweep(r.space, r.records);
    json pts = json::array();
    for (std::size_t i = 0; i < points.size(); ++i) {
      const SweepPoint& p = points[i];
      json figures = json::object();
      for (const auto& [k, iv] : p.figures) figures[k] = sweep_interval_json(iv);
      json checks = json::array();
      for (const auto& c : p.slo) checks.push_back(check_json(c));
      pts.push_back({{"point", i},
                     {"values", p.values},
                     {"partial", p.partial},
                     {"slo", {{"met", p.slo_met}, {"checks", checks}}},
                     {"figures", figures}});
    }
    doc["points"] = std::move(pts);
    doc["pareto"] = pareto_front(points);
  }
  return doc.dump(1) + "\n";
}

SweepResult read_sweep_json(const std::string& text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw not_a_sweep(file, e.what());
  }
  if (!doc.is_object() || doc.value("schema", "") != "headroom.sweep/1")
    throw not_a_sweep(file, "expected \"schema\": \"headroom.sweep/1\" (a file written by sweep --json or optimize --json)");
  try {
    SweepResult r;
    r.kind = doc.at("kind").get<std::string>();
    r.space.scenario = doc.at("scenario").get<std::string>();
    for (const auto& p : doc.at("parameters"))
      r.space.parameters.push_back({p.at("path").get<std::string>(), p.at("values").get<std::vector<std::string>>(), {}});
    r.space.seeds = doc.at("seeds").get<std::vector<std::uint64_t>>();
    if (doc.contains("shard")) r.shard = parse_shard(doc.at("shard").get<std::string>());
    if (doc.contains("context")) r.context_json = doc.at("context").dump();
    r.records.resize(doc.at("jobs").get<std::size_t>());
    for (const auto& rec : doc.at("records")) {
      const std::size_t job = rec.at("job").get<std::size_t>();
      if (job >= r.records.size()) throw not_a_sweep(file, fmt::format("job {} of {}", job, r.records.size()));
      r.records[job] = record_from(rec);
    }
    return r;
  } catch (const json::exception& e) {
    throw not_a_sweep(file, e.what());
  }
}

SweepResult merge_sweeps(const std::vector<SweepResult>& parts, const std::vector<std::string>& files) {
  if (parts.empty()) throw InputError("merge: no files");
  SweepResult out = parts.front();
  out.shard = Shard{};
  for (std::size_t f = 1; f < parts.size(); ++f) {
    if (!same_space(out, parts[f]))
      throw InputError(std::vector<Diagnostic>{
          {SourceLoc{files[f], 0, 0}, "",
           fmt::format("a different sweep from {} (its scenario, parameters, seeds or constraints differ)", files[0])}});
    for (std::size_t i = 0; i < out.records.size(); ++i) {
      const JobRecord& r = parts[f].records[i];
      if (!r.done) continue;
      if (out.records[i].done && record_json(out.records[i]) != record_json(r))
        throw InputError(std::vector<Diagnostic>{
            {SourceLoc{files[f], 0, 0}, "", fmt::format("job {} differs from the same job in an earlier file", i)}});
      out.records[i] = r;
    }
  }
  std::size_t missing = 0;
  for (const auto& r : out.records) missing += r.done ? 0 : 1;
  if (missing > 0)
    throw InputError(fmt::format("merge: {} of {} jobs are in none of the files (a shard is missing)", missing,
                                 out.records.size()));
  return out;
}

}  // namespace headroom
