#pragma once
/// User-facing errors: a problem in the user's input, located in their file. Internal invariant
/// violations use HEADROOM_ASSERT (core/assert.hpp) instead, never this type.
#include <stdexcept>
#include <string>
#include <vector>

namespace headroom {

/// Where a value came from: a file and a 1-based line and column. `file` may be a pseudo-file
/// such as "--set" for command-line overrides. line == 0 means "the file as a whole".
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
};

/// One problem: `file:line:col: error: key.path: message`.
struct Diagnostic {
  SourceLoc loc;
  std::string path;     ///< dotted key path, e.g. "components.web.cpu"; may be empty
  std::string message;  ///< what was found, what was expected, and a "did you mean" when one fits
  bool warning = false;  ///< a warning: shown, but the input is accepted
  /// The one-line rendering users see.
  std::string str() const;
};

/// Collects every problem of one pass over the input, so users fix them all at once.
class Diagnostics {
 public:
  void error(SourceLoc loc, std::string path, std::string message);
  /// Something the input allows but an architect should see (`file:line:col: warning: …`); kept
  /// apart from the errors: empty() and throw_if_any() ignore it.
  void warning(SourceLoc loc, std::string path, std::string message);
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Sorted by file, line, column (stable), all lines joined with '\n'.
  std::string str() const;
  /// Throws InputError carrying every diagnostic, if there is any.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> items_;
  std::vector<Diagnostic> warnings_;
};

/// Bad user input: the CLI prints every diagnostic and exits with status 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> items);
  explicit InputError(const std::string& single_message);
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

/// The closest candidate to `word` by edit distance (Damerau–Levenshtein), or "" when nothing is
/// close enough to be a plausible typo (distance > max(2, |word|/3)).
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

/// ", did you mean 'x'?" or "" — ready to append to a message.
std::string suggestion_suffix(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace headroom
