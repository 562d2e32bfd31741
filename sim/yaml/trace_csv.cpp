// Load traces: a CSV of `time,value` rows read when the scenario is loaded, so that a bad row is
// reported with every other problem, pointing at the CSV's own line and column.
#include <cctype>
#include <sstream>

#include "headroom/core/files.hpp"
#include "headroom/core/units.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

struct Cell {
  std::string text;
  int col = 1;  // 1-based column of its first character
};

std::vector<Cell> split_row(const std::string& line) {
  std::vector<Cell> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string::npos ? line.size() : comma;
    std::size_t a = start, b = end;
    while (a < b && std::isspace(static_cast<unsigned char>(line[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(line[b - 1]))) --b;
    cells.push_back(Cell{line.substr(a, b - a), static_cast<int>(a) + 1});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return cells;
}

bool blank_or_comment(const std::string& line) {
  for (char ch : line) {
    if (ch == '#') return true;
    if (!std::isspace(static_cast<unsigned char>(ch))) return false;
  }
  return true;
}

// A header names its columns; a data row's time starts with a digit (or '.'), so anything else
// on the first row is taken for a header rather than reported.
bool looks_like_header(const Cell& time) {
  return !time.text.empty() && !std::isdigit(static_cast<unsigned char>(time.text[0])) &&
         time.text[0] != '.' && time.text[0] != '-';
}

}  // namespace

void read_trace_csv(Reader& r, const Field& file_field, const std::string& file, CurveUnit unit,
                    CurveSpec& out) {
  const InputText text = read_input_file(file);
  if (!text.text) {
    r.error(file_field, "cannot open trace file '" + file + "' (" + text.problem + ")");
    return;
  }
  std::istringstream in(*text.text);
  bool any_error = false;
  const auto fail = [&](int line, int col, const std::string& message) {
    any_error = true;
    r.error_at(SourceLoc{file, line, col}, file_field.path, message);
  };
  std::string line;
  int line_no = 0;
  bool first_row = true;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (blank_or_comment(line)) continue;
    const std::vector<Cell> cells = split_row(line);
    const bool header = first_row && looks_like_header(cells[0]);
    first_row = false;
    if (header) continue;
    if (cells.size() != 2) {
      fail(line_no, 1, "expected 2 columns (time,value), found " + std::to_string(cells.size()));
      continue;
    }
    const Parsed<Duration> t = parse_duration(cells[0].text);
    const Parsed<double> v =
        unit == CurveUnit::Rate ? parse_rate(cells[1].text) : parse_count(cells[1].text);
    if (!t.ok()) fail(line_no, cells[0].col, t.error());
    if (!v.ok()) fail(line_no, cells[1].col, v.error());
    if (!t.ok() || !v.ok()) continue;
    if (!out.points.empty() && t.value() < out.points.back().first) {
      fail(line_no, cells[0].col,
           "times must not go backwards: " + format_duration(t.value()) + " comes after " +
               format_duration(out.points.back().first));
      continue;
    }
    out.points.emplace_back(t.value(), v.value());
  }
  if (out.points.empty() && !any_error) fail(0, 0, "the trace has no rows of time,value");
}

}  // namespace headroom::yaml
