#include "profile/taxonomy.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>
#include <utility>

#include "common/utf8.hpp"
#include "profile/target.hpp"
#include "common/field_rules.hpp"

namespace confidant::profile {
namespace {

constexpr std::size_t kMaxLabelBytes = 64;

std::string derived_label(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  std::string label(slash == std::string_view::npos ? path : path.substr(slash + 1));
  std::replace_if(label.begin(), label.end(), [](char c) { return c == '_' || c == '-'; }, ' ');
  return label;
}

Status check_label(const std::string& field, std::string_view label) {
  if (label.size() > kMaxLabelBytes) {
    return {ErrorCode::kInvalidArgument, field + ": longer than " + std::to_string(kMaxLabelBytes) + " bytes"};
  }
  for (std::size_t offset = 0; offset < label.size();) {
    const text::Utf8Step step = text::decode_utf8(label, offset);
    if (step.length == 0) {
      return {ErrorCode::kInvalidArgument, field + ": not valid UTF-8 at byte " + std::to_string(offset)};
    }
    if (text::is_control(step.code_point)) {
      return {ErrorCode::kInvalidArgument, field + ": control character at byte " + std::to_string(offset)};
    }
    offset += step.length;
  }
  return Status::ok();
}

// The parent path ("a/b" of "a/b/c"), or empty for a root.
std::string_view parent_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

}  // namespace

std::string_view name(ItemKind kind) noexcept {
  switch (kind) {
    case ItemKind::kConsumable: return "consumable";
    case ItemKind::kDurable: return "durable";
    case ItemKind::kExperience: return "experience";
  }
  return "invalid";
}

Result<Taxonomy> Taxonomy::from_nodes(std::vector<TaxonomyNode> nodes) {
  Taxonomy taxonomy;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::string field = "nodes[" + std::to_string(i) + "]";
    if (Status status = fields::check_category_path(field + ".path", nodes[i].path); !status) return status;
    if (!nodes[i].label.empty()) {
      if (Status status = check_label(field + ".label", nodes[i].label); !status) return status;
    }
  }

  // Ancestors first, so each node inherits from a node already resolved.
  std::vector<std::size_t> order(nodes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&nodes](std::size_t a, std::size_t b) {
    return segment_count(nodes[a].path) < segment_count(nodes[b].path);
  });
  taxonomy.by_path_.reserve(nodes.size());
  for (const std::size_t i : order) {
    const TaxonomyNode& node = nodes[i];
    Resolved resolved{i, node.kind, node.sensitive};
    if (const Resolved* ancestor = taxonomy.nearest(parent_of(node.path))) {
      if (!resolved.kind) resolved.kind = ancestor->kind;
      resolved.sensitive = resolved.sensitive || ancestor->sensitive;
    }
    const auto [it, inserted] = taxonomy.by_path_.emplace(node.path, resolved);
    if (!inserted) {
      const std::size_t first = std::min(i, it->second.node);
      const std::size_t second = std::max(i, it->second.node);
      return Status{ErrorCode::kInvalidArgument, "nodes[" + std::to_string(second) + "].path: duplicate of nodes[" +
                                                     std::to_string(first) + "]"};
    }
  }
  taxonomy.nodes_ = std::move(nodes);
  return taxonomy;
}

Result<Taxonomy> Taxonomy::with_marks(const std::vector<TaxonomyNode>& extra) const {
  std::vector<TaxonomyNode> nodes = nodes_;
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < extra.size(); ++i) {
    const TaxonomyNode& node = extra[i];
    const std::string field = "nodes[" + std::to_string(i) + "]";
    if (Status status = fields::check_category_path(field + ".path", node.path); !status) return status;
    if (!seen.insert(node.path).second) return Status{ErrorCode::kInvalidArgument, field + ".path: listed twice"};
    if (const auto it = by_path_.find(node.path); it != by_path_.end()) {
      TaxonomyNode& mine = nodes[it->second.node];
      mine.sensitive = mine.sensitive || node.sensitive;
      if (!node.label.empty()) mine.label = node.label;
      if (node.kind) mine.kind = node.kind;
      continue;
    }
    nodes.push_back(node);
  }
  return from_nodes(std::move(nodes));
}

const Taxonomy::Resolved* Taxonomy::nearest(std::string_view path) const {
  while (!path.empty()) {
    if (const auto it = by_path_.find(path); it != by_path_.end()) return &it->second;
    path = parent_of(path);
  }
  return nullptr;
}

bool Taxonomy::knows(std::string_view path) const { return by_path_.find(path) != by_path_.end(); }

std::string Taxonomy::label(std::string_view path) const {
  if (const auto it = by_path_.find(path); it != by_path_.end() && !nodes_[it->second.node].label.empty()) {
    return nodes_[it->second.node].label;
  }
  return derived_label(path);
}

std::optional<ItemKind> Taxonomy::kind(std::string_view path) const {
  const Resolved* found = nearest(path);
  return found ? found->kind : std::nullopt;
}

bool Taxonomy::is_sensitive(std::string_view path) const {
  const Resolved* found = nearest(path);
  return found != nullptr && found->sensitive;
}

bool Taxonomy::any_sensitive(std::span<const std::string> paths) const {
  return std::any_of(paths.begin(), paths.end(), [this](const std::string& path) { return is_sensitive(path); });
}

}  // namespace confidant::profile
