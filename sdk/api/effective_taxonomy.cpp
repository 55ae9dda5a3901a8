#include "api/effective_taxonomy.hpp"

#include <string>
#include <vector>

namespace confidant::api {

Result<TaxonomyPtr> effective_taxonomy(const proto::BrandConfig* config) {
  const profile::Taxonomy& builtin = profile::Taxonomy::builtin();
  // Not owned: the built-in taxonomy lives as long as the program.
  if (config == nullptr || config->taxonomy_size() == 0) return TaxonomyPtr(TaxonomyPtr{}, &builtin);
  std::vector<profile::TaxonomyNode> marks;
  marks.reserve(static_cast<std::size_t>(config->taxonomy_size()));
  for (const proto::TaxonomyNode& node : config->taxonomy()) marks.push_back({node.path(), "", {}, node.sensitive()});
  auto merged = builtin.with_marks(marks);
  if (!merged) return Status{ErrorCode::kInvalidArgument, "config.taxonomy: " + merged.status().message()};
  return TaxonomyPtr(std::make_shared<const profile::Taxonomy>(std::move(merged.value())));
}

}  // namespace confidant::api
