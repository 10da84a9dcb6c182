#pragma once
// Default styles: the basemap's three passes and the bundled Kachin layers by name; anything
// else gets a single symbol by geometry kind from a colour-blind-safe cycle.
#include "atlas/layer.h"
#include "atlas/render/style.h"

namespace atlas::render {

// Basemap passes: country fills, then state outlines (Kachin highlighted), then country
// borders on top — so the international border stays visible where Kachin's outline follows it.
LayerStyle basemapCountryFillStyle();
LayerStyle basemapStateStyle();
LayerStyle basemapCountryBorderStyle();
LayerStyle basemapDisputedStyle();
// GSHHG WDBII rivers by their `class`: 1 permanent major rivers thickest, 2 and 3 thinner.
LayerStyle basemapRiverStyle();

// Style for a data layer; `ordinal` picks the colour of layers without a known name. A layer
// with a `halo_m` column gets its uncertainty halo.
LayerStyle defaultStyleFor(const Layer& layer, int ordinal = 0);

// An ACLED / UCDP import (io::importEventFile): coloured by its `kind` (ACLED event_type, UCDP
// type of violence; only the kinds the layer holds get a category), with the uncertainty halo of its `halo_m` column.
LayerStyle importedEventStyle(const Layer& layer, const QString& title);

// Selected / linked features: a bright halo drawn over everything else.
LayerStyle highlightStyle();

// Controllers and statuses as categories (used by time-aware layers through FeatureState).
// recolourStroke: areas take the controller's colour for their outline; markers keep theirs.
std::vector<Category> controllerCategories(const Symbol& base, bool recolourStroke = true);
std::vector<Category> statusCategories(const Symbol& base);

}  // namespace atlas::render
