// Rendering and collecting user-facing diagnostics, and the "did you mean" suggestion.
#include "headroom/core/diagnostics.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <tuple>
#include <vector>

#include "headroom/core/printable.hpp"

namespace headroom {
namespace {

std::vector<Diagnostic> sorted(std::vector<Diagnostic> items) {
  // Stable, so that problems found at one position keep the order the reader met them in.
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.col) <
           std::tie(b.loc.file, b.loc.line, b.loc.col);
  });
  return items;
}

std::string join_lines(const std::vector<Diagnostic>& items) {
  std::string out;
  for (const auto& d : items) {
    if (!out.empty()) out += '\n';
    out += d.str();
  }
  return out;
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Optimal string alignment distance (Damerau–Levenshtein restricted to adjacent
// transpositions, each substring edited once), ignoring case: "Cpu", "cpuu" and "cup" are all
// one edit from "cpu".
std::size_t osa_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace

std::string Diagnostic::str() const {
  // The user's text echoed back (a path, an unknown key) is shown, never obeyed: one line, no
  // escape sequence reaching the terminal.
  std::string out;
  if (!loc.file.empty()) {
    out += visible(loc.file);
    if (loc.line > 0) {
      out += ':' + std::to_string(loc.line);
      if (loc.col > 0) out += ':' + std::to_string(loc.col);
    }
    out += ": ";
  }
  out += warning ? "warning: " : "error: ";
  if (!path.empty()) out += visible(path) + ": ";
  out += visible(message);
  return out;
}

void Diagnostics::error(SourceLoc loc, std::string path, std::string message) {
  items_.push_back(Diagnostic{std::move(loc), std::move(path), std::move(message)});
}

void Diagnostics::warning(SourceLoc loc, std::string path, std::string message) {
  warnings_.push_back(Diagnostic{std::move(loc), std::move(path), std::move(message), true});
}

std::string Diagnostics::str() const {
  return join_lines(sorted(items_));
}

void Diagnostics::throw_if_any() const {
  if (!items_.empty()) throw InputError(items_);
}

InputError::InputError(std::vector<Diagnostic> items)
    : std::runtime_error(join_lines(sorted(items))), items_(sorted(std::move(items))) {}

InputError::InputError(const std::string& single_message)
    : std::runtime_error(single_message), items_{Diagnostic{SourceLoc{std::string(), 0, 0}, std::string(), single_message}} {}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t dist = osa_distance(word, c);
    // A candidate that shares no letter position with the word (every character replaced)
    // is not a typo of it, however short both are: "zz" is not a misspelt "db".
    if (dist >= std::max(word.size(), c.size())) continue;
    if (dist < best_distance) {  // strict: ties keep the first candidate in list order
      best = c;
      best_distance = dist;
    }
  }
  return best;
}

std::string suggestion_suffix(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string s = did_you_mean(word, candidates);
  return s.empty() ? std::string() : ", did you mean '" + s + "'?";
}

}  // namespace headroom
