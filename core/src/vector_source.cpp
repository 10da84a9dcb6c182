#include "atlas/vector_source.h"

#include "atlas/crs.h"
#include "atlas/civil_date.h"
#include "atlas/detail/gdal_errors.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

namespace atlas {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string featureLocation(std::size_t index, GIntBig fid)
{
    return "feature " + std::to_string(fid >= 0 ? fid : static_cast<GIntBig>(index));
}

FieldType fieldTypeOf(const OGRFieldDefn& defn)
{
    switch (defn.GetType()) {
    case OFTInteger:
        return defn.GetSubType() == OFSTBoolean ? FieldType::Integer : FieldType::Integer;
    case OFTInteger64: return FieldType::Integer;
    case OFTReal: return FieldType::Real;
    case OFTDate:
    case OFTDateTime: return FieldType::Date;
    default: return FieldType::String;
    }
}

// Appends one OGR geometry to the column as parts/rings; returns the kind it was read as.
// Curves are linearised; Z/M are dropped; a collection mixing kinds keeps its first kind.
class GeometryReader {
public:
    explicit GeometryReader(GeometryColumn& out) : m_out(out) {}

    GeometryKind kindOf(const OGRGeometry* g) const
    {
        switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint:
        case wkbMultiPoint: return GeometryKind::Point;
        case wkbLineString:
        case wkbMultiLineString:
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbMultiCurve: return GeometryKind::Line;
        case wkbPolygon:
        case wkbMultiPolygon:
        case wkbCurvePolygon:
        case wkbMultiSurface:
        case wkbTriangle:
        case wkbPolyhedralSurface:
        case wkbTIN: return GeometryKind::Polygon;
        case wkbGeometryCollection: {
            const auto* gc = g->toGeometryCollection();
            for (const OGRGeometry* sub : *gc)
                if (!sub->IsEmpty()) return kindOf(sub);
            return GeometryKind::None;
        }
        default: return GeometryKind::None;
        }
    }

    // Returns false when a part was skipped because its kind differs (reported by the caller).
    bool append(const OGRGeometry* g, GeometryKind kind)
    {
        if (g->IsEmpty()) return true;
        const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
        if (t == wkbGeometryCollection || t == wkbMultiPoint || t == wkbMultiLineString || t == wkbMultiPolygon
            || t == wkbMultiCurve || t == wkbMultiSurface || t == wkbPolyhedralSurface || t == wkbTIN) {
            bool allSame = true;
            for (const OGRGeometry* sub : *g->toGeometryCollection()) {
                if (kindOf(sub) != kind && !sub->IsEmpty()) { allSame = false; continue; }
                allSame = append(sub, kind) && allSame;
            }
            return allSame;
        }
        if (kindOf(g) != kind) return false;
        if (g->hasCurveGeometry()) {
            std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
            return linear ? append(linear.get(), kind) : true;
        }
        switch (t) {
        case wkbPoint: {
            const auto* p = g->toPoint();
            m_out.beginPart();
            m_out.beginRing();
            m_out.addCoord(p->getX(), p->getY());
            return true;
        }
        case wkbLineString: {
            m_out.beginPart();
            addCurve(g->toLineString());
            return true;
        }
        case wkbPolygon:
        case wkbTriangle: {
            const auto* poly = g->toPolygon();
            m_out.beginPart();
            if (const auto* ext = poly->getExteriorRing()) addCurve(ext);
            for (int i = 0; i < poly->getNumInteriorRings(); ++i) addCurve(poly->getInteriorRing(i));
            return true;
        }
        default: return false;
        }
    }

private:
    void addCurve(const OGRSimpleCurve* c)
    {
        m_out.beginRing();
        const int n = c->getNumPoints();
        for (int i = 0; i < n; ++i) m_out.addCoord(c->getX(i), c->getY(i));
    }
    GeometryColumn& m_out;
};

bool allFinite(std::span<const Coord> coords)
{
    return std::all_of(coords.begin(), coords.end(),
                       [](const Coord& c) { return std::isfinite(c.x) && std::isfinite(c.y); });
}

bool withinGeographicRange(std::span<const Coord> coords)
{
    return std::all_of(coords.begin(), coords.end(), [](const Coord& c) {
        return c.x >= -180.0 && c.x <= 180.0 && c.y >= -90.0 && c.y <= 90.0;
    });
}

std::string srsDefinition(const OGRSpatialReference& srs)
{
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, opts);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

struct LayerReadContext {
    const std::string& path;
    const LoadOptions& options;
    Diagnostics& diagnostics;
    bool isCsv;
};

std::shared_ptr<Layer> readLayer(OGRLayer& ogrLayer, const LayerReadContext& ctx, bool& cancelled,
                                 double progressBase, double progressSpan)
{
    const std::string layerName = ogrLayer.GetName();
    const std::string where = "layer " + layerName;
    const OGRSpatialReference* srs = ogrLayer.GetSpatialRef();
    std::string sourceCrs;
    bool geographic = false;
    if (srs) {
        sourceCrs = srsDefinition(*srs);
        geographic = srs->IsGeographic();
    } else if (ctx.isCsv) {
        // CSV has no way to declare a CRS; coordinate columns named lon/lat mean WGS84.
        sourceCrs = kWgs84;
        geographic = true;
    } else if (ogrLayer.GetGeomType() != wkbNone) {
        ctx.diagnostics.error(ctx.path, where, "", "layer has no coordinate reference system (CRS); "
                              "declare one (e.g. a .prj file or a GeoPackage SRS) to load it");
        return nullptr;
    }

    auto layer = std::make_shared<Layer>(layerName, ctx.path, ctx.options.targetCrs);
    OGRFeatureDefn* defn = ogrLayer.GetLayerDefn();
    const int fieldCount = defn->GetFieldCount();
    std::vector<FieldType> types;
    for (int i = 0; i < fieldCount; ++i) {
        const OGRFieldDefn* fd = defn->GetFieldDefn(i);
        types.push_back(fieldTypeOf(*fd));
        layer->addColumn(fd->GetNameRef(), types.back());
    }

    const GIntBig total = ogrLayer.GetFeatureCount(FALSE);
    if (total > 0) {
        layer->mutableGeometry().reserve(static_cast<std::size_t>(total), static_cast<std::size_t>(total));
        for (Column& c : layer->mutableColumns()) c.reserve(static_cast<std::size_t>(total));
    }

    GeometryColumn& geom = layer->mutableGeometry();
    GeometryReader reader(geom);
    auto& columns = layer->mutableColumns();
    std::size_t index = 0;
    ogrLayer.ResetReading();
    for (auto& feature : ogrLayer) {
        const GIntBig fid = feature->GetFID();
        if (ctx.options.progress && (index & 4095) == 0) {
            const double frac = total > 0 ? static_cast<double>(index) / static_cast<double>(total) : 0.0;
            if (!ctx.options.progress(progressBase + progressSpan * std::min(frac, 1.0))) {
                cancelled = true;
                return nullptr;
            }
        }
        ++index;

        const OGRGeometry* g = feature->GetGeometryRef();
        const GeometryKind kind = g ? reader.kindOf(g) : GeometryKind::None;
        geom.beginFeature(kind);
        if (g && kind != GeometryKind::None && !reader.append(g, kind))
            ctx.diagnostics.warning(ctx.path, featureLocation(index - 1, fid), "geometry",
                                    std::string("collection mixes geometry kinds; kept its ") +
                                    geometryKindName(kind) + " parts only");
        geom.endFeature();
        layer->appendFid(fid);

        for (int i = 0; i < fieldCount; ++i) {
            Column& col = columns[static_cast<std::size_t>(i)];
            if (!feature->IsFieldSetAndNotNull(i)) { col.appendNull(); continue; }
            switch (types[static_cast<std::size_t>(i)]) {
            case FieldType::Integer: col.appendInteger(feature->GetFieldAsInteger64(i)); break;
            case FieldType::Real: col.appendReal(feature->GetFieldAsDouble(i)); break;
            case FieldType::Date: {
                int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
                float ss = 0;
                if (feature->GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz) && m >= 1 && m <= 12 && d >= 1
                    && d <= static_cast<int>(daysInMonth(y, static_cast<unsigned>(m))))
                    col.appendDate(daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
                else {
                    ctx.diagnostics.error(ctx.path, featureLocation(index - 1, fid), defn->GetFieldDefn(i)->GetNameRef(),
                                          std::string("not a valid date: \"") + feature->GetFieldAsString(i) + "\"");
                    col.appendNull();
                }
                break;
            }
            case FieldType::String: col.appendString(feature->GetFieldAsString(i)); break;
            }
        }

        // Reject coordinates that cannot be right before they reach PROJ.
        const std::size_t f = layer->featureCount() - 1;
        if (!geom.isNull(f)) {
            const auto coords = geom.coords(f);
            if (!allFinite(coords)) {
                ctx.diagnostics.error(ctx.path, featureLocation(f, fid), "geometry",
                                      "coordinates are NaN or infinite; feature skipped");
                layer->dropLastFeature();
            } else if (geographic && !withinGeographicRange(coords)) {
                ctx.diagnostics.error(ctx.path, featureLocation(f, fid), "geometry",
                                      "coordinates outside longitude −180…180 / latitude −90…90 for a geographic CRS "
                                      "(projected coordinates declared as " + sourceCrs + "?); feature skipped");
                layer->dropLastFeature();
            }
        }
    }

    if (!sourceCrs.empty()) {
        try {
            CoordinateTransform toDisplay(sourceCrs, ctx.options.targetCrs);
            auto& coords = geom.mutableCoords();
            const std::size_t failed = toDisplay.transform(coords.data(), coords.size());
            geom.recomputeBounds();
            if (failed > 0) {
                // Report each feature that lost coordinates, then clear its geometry.
                for (std::size_t f = 0; f < layer->featureCount(); ++f) {
                    if (geom.isNull(f) && geom.coords(f).empty()) continue;
                    if (!allFinite(geom.coords(f))) {
                        ctx.diagnostics.error(ctx.path, featureLocation(f, layer->fid(f)), "geometry",
                                              "cannot be transformed to " + ctx.options.targetCrs + "; geometry dropped");
                        geom.clearFeature(f);
                    }
                }
            }
        } catch (const CrsError& e) {
            ctx.diagnostics.error(ctx.path, where, "", e.what());
            return nullptr;
        }
    }
    layer->buildIndex();
    return layer;
}

}  // namespace

bool isRemotePath(const std::string& path)
{
    const std::string p = lower(path);
    static constexpr std::array prefixes = {
        "http://", "https://", "ftp://", "ftps://", "s3://", "gs://", "/vsicurl", "/vsis3", "/vsigs",
        "/vsiaz", "/vsiadls", "/vsioss", "/vsiswift", "/vsihdfs", "/vsiwebhdfs", "pg:", "postgresql:", "mysql:",
        "wfs:", "mssql:", "oci:", "odbc:", "mongodb", "elasticsearch:", "es:"};
    for (const char* pre : prefixes)
        if (p.rfind(pre, 0) == 0) return true;
    // Chained VSI paths such as /vsizip//vsicurl/…
    return p.find("/vsicurl") != std::string::npos || p.find("://") != std::string::npos;
}

LoadResult loadVectorSource(const std::string& path, const LoadOptions& options)
{
    LoadResult result;
    if (isRemotePath(path) && !options.allowRemote) {
        result.diagnostics.error(path, "", "", "remote source refused: Kachin Atlas works offline unless online "
                                 "sources are enabled in the settings (or --allow-remote on the command line)");
        return result;
    }
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;

    std::error_code ec;
    if (!isRemotePath(path) && path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path, ec)) {
        result.diagnostics.error(path, "", "", "file not found");
        return result;
    }
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    const bool isCsv = ext == ".csv" || ext == ".tsv";
    std::vector<const char*> openOptions;
    if (isCsv) {
        openOptions = {"X_POSSIBLE_NAMES=lon,long,longitude,x,lng", "Y_POSSIBLE_NAMES=lat,latitude,y",
                       "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=YES", "EMPTY_STRING_AS_NULL=YES", nullptr};
    } else {
        openOptions = {nullptr};
    }

    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                              nullptr, openOptions.data(), nullptr));
    if (!ds) {
        std::string why = errors.lastFailure();
        if (why.empty()) why = "not a vector format GDAL/OGR can read";
        result.diagnostics.error(path, "", "", "cannot open: " + why);
        return result;
    }

    std::vector<OGRLayer*> layers;
    for (OGRLayer* l : ds->GetLayers()) {
        if (!options.layerName.empty() && options.layerName != l->GetName()) continue;
        layers.push_back(l);
    }
    if (layers.empty()) {
        result.diagnostics.error(path, options.layerName.empty() ? "" : "layer " + options.layerName, "",
                                 options.layerName.empty() ? "contains no vector layers" : "no such layer");
        return result;
    }

    const LayerReadContext ctx{path, options, result.diagnostics, isCsv};
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const double span = 1.0 / static_cast<double>(layers.size());
        auto layer = readLayer(*layers[i], ctx, result.cancelled, span * static_cast<double>(i), span);
        for (const std::string& msg : errors.take())
            result.diagnostics.warning(path, std::string("layer ") + layers[i]->GetName(), "", msg);
        if (result.cancelled) {
            result.layers.clear();
            return result;
        }
        if (layer) result.layers.push_back(std::move(layer));
    }
    if (options.progress) options.progress(1.0);
    return result;
}

std::vector<std::string> listVectorLayers(const std::string& path, Diagnostics& diagnostics)
{
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) {
        diagnostics.error(path, "", "", "cannot open: " + (errors.lastFailure().empty() ? std::string("unreadable")
                                                                                         : errors.lastFailure()));
        return {};
    }
    std::vector<std::string> names;
    for (OGRLayer* l : ds->GetLayers()) names.emplace_back(l->GetName());
    return names;
}

}  // namespace atlas
