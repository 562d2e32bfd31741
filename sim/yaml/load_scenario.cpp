// load_scenario: text -> YAML tree -> --set (topology, include) -> include merge -> topology
// merge -> --set (rest) ->
// ScenarioSpec -> validate_scenario. Every stage adds to one Diagnostics; nothing is thrown
// until the end, so a user sees every problem of the file at once.
#include "headroom/yaml/load_scenario.hpp"

#include <filesystem>

#include "headroom/core/files.hpp"

#include "document.hpp"
#include "readers.hpp"

namespace headroom {

ScenarioSpec load_scenario_text(const std::string& text, const std::string& file_label,
                                const LoadOptions& options) {
  Diagnostics diags;
  yaml::SourceMap sources(file_label);
  const std::string base_dir = std::filesystem::path(file_label).parent_path().generic_string();
  std::optional<YAML::Node> parsed = yaml::parse_yaml(text, file_label, diags);
  diags.throw_if_any();
  YAML::Node root = *parsed;
  yaml::apply_overrides(root, options.overrides, yaml::OverridePhase::Topology, sources, diags);
  // Without its include a scenario is a fragment (classes without shares, a load without
  // think_time): reading it would only report what the include was to give.
  if (!yaml::merge_includes(root, sources, diags)) diags.throw_if_any();
  yaml::merge_topology(root, base_dir, sources, diags);
  yaml::apply_overrides(root, options.overrides, yaml::OverridePhase::Rest, sources, diags);
  yaml::Reader reader(diags, sources);
  yaml::reject_control_characters(reader, root);
  ScenarioSpec spec = yaml::read_scenario(reader, root, file_label, base_dir);
  // Whole-scenario checks only on a cleanly read spec: on a partial one (a share that did not
  // parse, a component whose type was wrong) they would only repeat the same problem.
  if (diags.empty()) validate_scenario(spec, diags);
  diags.throw_if_any();
  if (options.warnings) *options.warnings = diags.warnings();
  return spec;
}

ScenarioSpec load_scenario(const std::string& file, const LoadOptions& options) {
  // A FIFO, a device or a directory is refused without blocking, a huge file before it is read.
  const InputText in = read_input_file(file);
  if (!in.text) {
    Diagnostics diags;
    diags.error(SourceLoc{file, 0, 0}, "", "cannot open file (" + in.problem + ")");
    diags.throw_if_any();
  }
  return load_scenario_text(*in.text, file, options);
}

}  // namespace headroom
