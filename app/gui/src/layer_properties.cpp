#include "atlas/gui/layer_properties.h"
#include "atlas/gui/hillshade_controls.h"
#include "atlas/data/schema.h"
#include "atlas/model/document_model.h"

#include "atlas/io/event_import.h"
#include "atlas/render/default_styles.h"
#include "atlas/render/palette.h"
#include "atlas/time/date.h"
#include "atlas/gui/browse_tools_names.h"
#include "atlas/gui/legend.h"
#include "atlas/gui/workbench.h"

#include <QColorDialog>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace atlas::app {
namespace {

const std::vector<QColor>& okabeIto()
{
    using namespace render::palette;
    static const std::vector<QColor> c = {kOrange, kSkyBlue, kBluishGreen, kYellow, kBlue, kVermillion, kReddishPurple, kGrey};
    return c;
}

std::optional<QColor> vocabularyColor(const std::string& field, const std::string& value)
{
    static const std::set<std::string> controllers = {"KIA", "junta", "NDA-K/BGF", "UWSA", "NDAA", "MNDAA", "contested"};
    static const std::set<std::string> statuses = {"open", "closed", "restricted"};
    static const std::set<std::string> kinds = {"battle", "capture", "airstrike", "border", "trade",
                                                "policy", "political", "disaster", "report"};
    if (controllers.count(value)) return render::palette::controllerColor(value);
    if (statuses.count(value)) return render::palette::statusColor(value);
    if (field == "kind" && kinds.count(value)) return render::palette::eventKindColor(value);
    return std::nullopt;
}

QIcon colourIcon(const QColor& c)
{
    QPixmap pm(16, 16);
    pm.fill(c);
    return QIcon(pm);
}

constexpr int kValueRole = Qt::UserRole + 1;

}  // namespace

render::Symbol symbolWithColor(const render::Symbol& base, const QColor& color, GeometryKind kind)
{
    render::Symbol s = base;
    switch (kind) {
    case GeometryKind::Line: s.stroke = color; break;
    case GeometryKind::Polygon: {
        QColor fill = color;
        fill.setAlpha(base.fill.alpha() > 0 ? std::max(base.fill.alpha(), 70) : 90);
        s.fill = fill;
        s.stroke = color.darker(125);
        break;
    }
    default: {
        QColor fill = color;
        fill.setAlpha(std::max(base.fill.alpha(), 180));
        s.fill = fill;
        break;
    }
    }
    return s;
}

std::vector<render::Category> classifyByField(const Layer& layer, const std::string& field, const render::Symbol& base,
                                              GeometryKind kind, std::size_t maxCategories)
{
    std::vector<render::Category> out;
    const Column* c = layer.column(field);
    if (!c) return out;
    std::map<std::string, std::size_t> counts;
    for (std::size_t f = 0; f < layer.featureCount(); ++f)
        if (!c->isNull(f)) ++counts[c->strings() ? std::string(c->string(f)) : c->text(f)];
    std::vector<std::pair<std::string, std::size_t>> values(counts.begin(), counts.end());
    std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (values.size() > maxCategories) values.resize(maxCategories);
    std::size_t next = 0;
    for (const auto& [value, n] : values) {
        QColor colour = vocabularyColor(field, value).value_or(QColor());
        if (!colour.isValid()) colour = okabeIto()[next++ % okabeIto().size()];
        out.push_back({value, QString::fromStdString(value), symbolWithColor(base, colour, kind)});
    }
    return out;
}

std::vector<std::string> dateFields(const Layer& layer)
{
    std::vector<std::string> out;
    for (const Column& c : layer.columns()) {
        if (isInternalColumn(c.name())) continue;
        if (c.type() == FieldType::Date) {
            out.push_back(c.name());
            continue;
        }
        if (c.type() != FieldType::String) continue;
        int seen = 0, good = 0;
        for (std::size_t f = 0; f < layer.featureCount() && seen < 20; ++f) {
            if (c.isNull(f) || c.string(f).empty()) continue;
            ++seen;
            const std::string_view v = c.string(f);
            if (v.size() >= 4 && v.size() <= 40 && std::isdigit(static_cast<unsigned char>(v[0])) && (Date::parse(v) || parseRange(v))) ++good;
        }
        if (seen > 0 && good * 10 >= seen * 8) out.push_back(c.name());
    }
    return out;
}

LayerPropertiesDialog::LayerPropertiesDialog(const MapDocument& document, std::size_t index, QWidget* parent)
    : QDialog(parent), m_doc(document), m_index(index)
{
    const LayerEntry& e = document.layers().at(index);
    m_layer = e.layer.get();
    m_kind = layerGeometryKind(*m_layer);
    m_style = e.style;
    m_timeEditable = e.datasetKey.empty() && e.role == LayerRole::Data && !e.raster;
    setWindowTitle(tr("Layer Properties — %1").arg(e.style.title));
    setObjectName("LayerPropertiesDialog");

    auto* v = new QVBoxLayout(this);
    auto* titleRow = new QFormLayout;
    m_title = new QLineEdit(e.style.title, this);
    titleRow->addRow(tr("Title"), m_title);
    v->addLayout(titleRow);
    auto* tabs = new QTabWidget(this);
    auto* stylePage = new QWidget(tabs);
    auto* timePage = new QWidget(tabs);
    buildStyleTab(stylePage);
    buildTimeTab(timePage);
    tabs->addTab(stylePage, tr("Style"));
    tabs->addTab(timePage, tr("Time"));
    v->addWidget(tabs, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &LayerPropertiesDialog::applyRequested);
    v->addWidget(buttons);
    resize(520, 560);
}

void LayerPropertiesDialog::buildStyleTab(QWidget* page)
{
    auto* v = new QVBoxLayout(page);
    if (m_doc.layers().at(m_index).raster) {
        // A raster has no symbols: its opacity and, for elevation, its hillshade.
        auto* form = new QFormLayout;
        m_opacity = new QSlider(Qt::Horizontal, page);
        m_opacity->setRange(0, 100);
        m_opacity->setValue(static_cast<int>(std::lround(m_style.opacity * 100)));
        form->addRow(tr("Opacity"), m_opacity);
        m_hillshade = new HillshadeControls(m_style.hillshade, page);
        form->addRow(m_hillshade);
        v->addLayout(form);
        v->addStretch(1);
        return;
    }
    m_single = new QRadioButton(tr("Single symbol"), page);
    m_categorised = new QRadioButton(tr("Categories by"), page);
    auto* singleRow = new QHBoxLayout;
    singleRow->addWidget(m_single);
    m_colour = new QPushButton(tr("Colour…"), page);
    m_size = new QDoubleSpinBox(page);
    m_size->setRange(1, 40);
    m_size->setSuffix(tr(" px"));
    m_size->setValue(m_style.symbol.size);
    m_size->setToolTip(tr("Marker size"));
    m_width = new QDoubleSpinBox(page);
    m_width->setRange(0, 12);
    m_width->setSingleStep(0.5);
    m_width->setSuffix(tr(" px line"));
    m_width->setValue(m_style.symbol.strokeWidth);
    singleRow->addWidget(m_colour);
    singleRow->addWidget(m_size);
    singleRow->addWidget(m_width);
    singleRow->addStretch(1);
    v->addLayout(singleRow);
    // A layer may mix areas and sites (the mining areas): markers and labels are for its points.
    bool hasPoints = m_kind == GeometryKind::None;
    for (std::size_t f = 0; f < m_layer->featureCount() && !hasPoints; ++f)
        hasPoints = m_layer->geometry().kind(f) == GeometryKind::Point;
    m_size->setVisible(hasPoints);

    auto* catRow = new QHBoxLayout;
    catRow->addWidget(m_categorised);
    m_field = new QComboBox(page);
    const LayerEntry& e = m_doc.layers().at(m_index);
    if (e.datasetKey == schema::kMines || e.datasetKey == schema::kCrossings || e.datasetKey == schema::kControl)
        m_field->addItem(tr("Controller on the clock's day"), QString(render::kControllerState));
    if (e.datasetKey == schema::kCrossings) m_field->addItem(tr("Status on the clock's day"), QString(render::kStatusState));
    for (const Column& c : m_layer->columns())
        if (!isInternalColumn(c.name()) && c.type() != FieldType::Real)
            m_field->addItem(QString::fromStdString(c.name()), QString::fromStdString(c.name()));
    catRow->addWidget(m_field, 1);
    auto* classifyButton = new QPushButton(tr("Classify"), page);
    classifyButton->setToolTip(tr("One category per value present (most frequent first), colour-blind-safe colours"));
    catRow->addWidget(classifyButton);
    v->addLayout(catRow);
    m_categories = new QTreeWidget(page);
    m_categories->setHeaderLabels({tr("Symbol"), tr("Value"), tr("Legend")});
    m_categories->setRootIsDecorated(false);
    m_categories->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_categories->setToolTip(tr("Double-click a symbol to change its colour"));
    v->addWidget(m_categories, 1);

    auto* form = new QFormLayout;
    m_label = new QComboBox(page);
    m_label->addItem(tr("(no labels)"), QString());
    if (m_layer->column(kLabelColumn)) m_label->addItem(tr("Name in the chosen language"), QString(kLabelColumn));
    for (const Column& c : m_layer->columns())
        if (!isInternalColumn(c.name()) && c.type() == FieldType::String)
            m_label->addItem(QString::fromStdString(c.name()), QString::fromStdString(c.name()));
    m_label->setCurrentIndex(std::max(0, m_label->findData(QString::fromStdString(m_style.label.field))));
    m_label->setEnabled(hasPoints);
    m_label->setToolTip(tr("Point labels; the map drops those that would overlap"));
    form->addRow(tr("Labels"), m_label);
    m_opacity = new QSlider(Qt::Horizontal, page);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(static_cast<int>(std::lround(m_style.opacity * 100)));
    form->addRow(tr("Opacity"), m_opacity);
    // Layers that say how far off each point may be (ACLED / UCDP imports: halo_m).
    if (m_layer->column(io::kHaloField)) {
        m_halo = new QCheckBox(tr("Uncertainty halo (%1, metres)").arg(io::kHaloField), page);
        m_halo->setChecked(!m_style.uncertainty.field.empty());
        m_halo->setToolTip(tr("A translucent disc around each point, as large on the ground as the place is uncertain"));
        form->addRow(QString(), m_halo);
    }
    v->addLayout(form);

    const bool categorised = !m_style.categoryField.empty() && !m_style.categories.empty();
    (categorised ? m_categorised : m_single)->setChecked(true);
    if (categorised) m_field->setCurrentIndex(std::max(0, m_field->findData(QString::fromStdString(m_style.categoryField))));
    updateCategoryList();

    connect(m_colour, &QPushButton::clicked, this, &LayerPropertiesDialog::pickSingleColour);
    connect(classifyButton, &QPushButton::clicked, this, &LayerPropertiesDialog::classify);
    connect(m_field, &QComboBox::activated, this, [this] {
        m_categorised->setChecked(true);
        classify();
    });
    connect(m_categories, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const int i = m_categories->indexOfTopLevelItem(item);
        if (i < 0 || i >= static_cast<int>(m_style.categories.size())) return;
        render::Category& c = m_style.categories[static_cast<std::size_t>(i)];
        const QColor start = m_kind == GeometryKind::Line ? c.symbol.stroke : c.symbol.fill;
        const QColor picked = QColorDialog::getColor(start, this, tr("Colour of %1").arg(c.label));
        if (!picked.isValid()) return;
        c.symbol = symbolWithColor(c.symbol, picked, m_kind);
        updateCategoryList();
    });
    connect(m_categories, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        const int i = m_categories->indexOfTopLevelItem(item);
        if (column == 2 && i >= 0 && i < static_cast<int>(m_style.categories.size()))
            m_style.categories[static_cast<std::size_t>(i)].label = item->text(2);
    });
}

void LayerPropertiesDialog::classify()
{
    const std::string field = m_field->currentData().toString().toStdString();
    if (field.empty()) return;
    const LayerEntry& e = m_doc.layers().at(m_index);
    if (field == render::kControllerState || field == render::kStatusState) {
        // The bundled layers' state categories as the defaults have them.
        m_style.categoryField = field;
        m_style.categories = field == render::kControllerState ? render::controllerCategories(m_style.symbol, m_kind == GeometryKind::Polygon)
                                                               : render::statusCategories(m_style.symbol);
    } else {
        m_style.categoryField = field;
        m_style.categories = classifyByField(*e.layer, field, m_style.symbol, m_kind);
    }
    m_style.showOtherInLegend = true;
    updateCategoryList();
}

void LayerPropertiesDialog::updateCategoryList()
{
    const QSignalBlocker block(m_categories);
    m_categories->clear();
    for (const render::Category& c : m_style.categories) {
        auto* item = new QTreeWidgetItem(m_categories);
        item->setIcon(0, legendSymbolIcon(c.symbol, m_kind));
        item->setText(1, QString::fromStdString(c.value));
        item->setText(2, c.label);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    auto* other = new QTreeWidgetItem(m_categories);
    other->setIcon(0, legendSymbolIcon(m_style.symbol, m_kind));
    other->setText(1, tr("(anything else)"));
    other->setFlags(Qt::ItemIsEnabled);
    m_colour->setIcon(colourIcon(m_kind == GeometryKind::Line ? m_style.symbol.stroke : m_style.symbol.fill));
}

void LayerPropertiesDialog::pickSingleColour()
{
    const QColor start = m_kind == GeometryKind::Line ? m_style.symbol.stroke : m_style.symbol.fill;
    const QColor picked = QColorDialog::getColor(start, this, tr("Symbol colour"), QColorDialog::ShowAlphaChannel);
    if (!picked.isValid()) return;
    m_style.symbol = symbolWithColor(m_style.symbol, picked, m_kind);
    if (m_kind != GeometryKind::Line) {
        render::Symbol s = m_style.symbol;
        s.fill = picked;  // the alpha chosen in the dialog
        m_style.symbol = s;
    }
    m_single->setChecked(true);
    updateCategoryList();
}

void LayerPropertiesDialog::buildTimeTab(QWidget* page)
{
    auto* v = new QVBoxLayout(page);
    const LayerEntry& e = m_doc.layers().at(m_index);
    if (!m_timeEditable) {
        auto* l = new QLabel(e.raster ? tr("A raster is drawn at every date.")
                             : e.datasetKey.empty()
                                 ? tr("The basemap has no time.")
                                 : tr("This bundled layer follows the dataset's own time model (%1): its dates, versions "
                                      "and histories are part of the Kachin data.")
                                       .arg(m_doc.dataset() && m_doc.dataset()->layer(e.datasetKey)
                                                ? QString::fromUtf8(timeModeName(m_doc.dataset()->layer(e.datasetKey)->mode))
                                                : QString()),
                             page);
        l->setWordWrap(true);
        v->addWidget(l);
        v->addStretch(1);
        return;
    }
    auto* intro = new QLabel(tr("Without a time mode a layer is drawn at every date. With one, its features follow "
                                "the clock like the bundled layers."),
                             page);
    intro->setWordWrap(true);
    v->addWidget(intro);
    m_timeForm = new QFormLayout;
    m_mode = new QComboBox(page);
    m_mode->addItem(tr("None — always drawn"), "static");
    m_mode->addItem(tr("Instant — events on a date (and to an end date)"), "instant");
    m_mode->addItem(tr("Interval — valid from / valid to"), "interval");
    m_mode->addItem(tr("Cumulative — appears on its date and stays"), "cumulative");
    m_mode->addItem(tr("Snapshot — versions as of a date, by group"), "snapshot");
    m_timeForm->addRow(tr("Mode"), m_mode);
    const std::vector<std::string> dates = dateFields(*m_layer);
    auto fieldCombo = [&](bool optional) {
        auto* c = new QComboBox(page);
        if (optional) c->addItem(tr("(none)"), QString());
        for (const std::string& f : dates) c->addItem(QString::fromStdString(f), QString::fromStdString(f));
        return c;
    };
    m_dateField = fieldCombo(false);
    m_endField = fieldCombo(true);
    m_fromField = fieldCombo(false);
    m_toField = fieldCombo(true);
    m_groupField = new QComboBox(page);
    m_groupField->addItem(tr("(whole layer)"), QString());
    for (const Column& c : m_layer->columns())
        if (!isInternalColumn(c.name()) && c.type() == FieldType::String)
            m_groupField->addItem(QString::fromStdString(c.name()), QString::fromStdString(c.name()));
    m_fade = new QSpinBox(page);
    m_fade->setRange(0, 3650);
    m_fade->setSuffix(tr(" days"));
    m_timeForm->addRow(tr("Date"), m_dateField);
    m_timeForm->addRow(tr("End date"), m_endField);
    m_timeForm->addRow(tr("Valid from"), m_fromField);
    m_timeForm->addRow(tr("Valid to"), m_toField);
    m_timeForm->addRow(tr("Group"), m_groupField);
    m_timeForm->addRow(tr("Fade"), m_fade);
    v->addLayout(m_timeForm);
    m_timePreview = new QLabel(page);
    m_timePreview->setWordWrap(true);
    v->addWidget(m_timePreview);
    v->addStretch(1);
    if (dates.empty()) {
        m_mode->setEnabled(false);
        m_timePreview->setText(tr("No date fields found in this layer (Date columns or ISO dates such as 2024-10-18, "
                                  "2024-10 or 2025)."));
    }

    // The mode now in force.
    if (e.time) {
        std::visit(
            [&](const auto& m) {
                using M = std::decay_t<decltype(m)>;
                auto set = [](QComboBox* c, const std::string& f) { c->setCurrentIndex(std::max(0, c->findData(QString::fromStdString(f)))); };
                if constexpr (std::is_same_v<M, InstantTime>) {
                    m_mode->setCurrentIndex(1);
                    set(m_dateField, m.dateField);
                    set(m_endField, m.endField.value_or(""));
                    m_fade->setValue(m.fadeDays);
                } else if constexpr (std::is_same_v<M, IntervalTime>) {
                    m_mode->setCurrentIndex(2);
                    set(m_fromField, m.fromField);
                    set(m_toField, m.toField);
                    m_fade->setValue(m.fadeDays);
                } else if constexpr (std::is_same_v<M, CumulativeTime>) {
                    m_mode->setCurrentIndex(3);
                    set(m_dateField, m.dateField);
                    m_fade->setValue(m.fadeDays);
                } else if constexpr (std::is_same_v<M, SnapshotTime>) {
                    m_mode->setCurrentIndex(4);
                    set(m_dateField, m.asOfField);
                    set(m_groupField, m.groupField);
                    m_fade->setValue(m.fadeDays);
                }
            },
            e.time->mode);
    } else {
        // Sensible defaults from the field names.
        for (const std::string& f : dates) {
            const QString n = QString::fromStdString(f).toLower();
            const QString value = QString::fromStdString(f);
            if (n.contains("from") || n.contains("start") || n.contains("begin")) m_fromField->setCurrentIndex(m_fromField->findData(value));
            else if (n.endsWith("_to") || n.contains("end") || n.contains("until")) {
                m_toField->setCurrentIndex(m_toField->findData(value));
                m_endField->setCurrentIndex(m_endField->findData(value));
            } else if (n == "date" || n.endsWith("_date") || n.startsWith("date")) {
                m_dateField->setCurrentIndex(m_dateField->findData(value));
            }
        }
    }
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateTimeFields();
        updateTimePreview();
    });
    for (QComboBox* c : {m_dateField, m_endField, m_fromField, m_toField, m_groupField})
        connect(c, &QComboBox::currentIndexChanged, this, &LayerPropertiesDialog::updateTimePreview);
    updateTimeFields();
    updateTimePreview();
}

void LayerPropertiesDialog::updateTimeFields()
{
    if (!m_mode) return;
    const QString mode = m_mode->currentData().toString();
    m_timeForm->setRowVisible(m_dateField, mode == "instant" || mode == "cumulative" || mode == "snapshot");
    m_timeForm->setRowVisible(m_endField, mode == "instant");
    m_timeForm->setRowVisible(m_fromField, mode == "interval");
    m_timeForm->setRowVisible(m_toField, mode == "interval");
    m_timeForm->setRowVisible(m_groupField, mode == "snapshot");
    m_timeForm->setRowVisible(m_fade, mode != "static");
    if (auto* l = qobject_cast<QLabel*>(m_timeForm->labelForField(m_dateField)))
        l->setText(mode == "snapshot" ? tr("As of") : tr("Date"));
}

void LayerPropertiesDialog::updateTimePreview()
{
    if (!m_mode || !m_mode->isEnabled()) return;
    const auto mode = timeMode();
    if (!mode) {
        m_timePreview->setText(tr("Drawn at every date."));
        return;
    }
    Diagnostics d;
    const FeatureTimes t = compileFeatureTimes(*m_layer, *mode, d);
    const std::size_t excluded = t.excludedCount();
    QString text = tr("%L1 of %L2 features have readable dates.").arg(t.size() - excluded).arg(t.size());
    if (excluded > 0 && !d.empty())
        text += tr(" First problem: %1").arg(QString::fromStdString(d.items().front().format()).toHtmlEscaped());
    m_timePreview->setText(text);
}

render::LayerStyle LayerPropertiesDialog::style() const
{
    render::LayerStyle s = m_style;
    s.title = m_title->text().trimmed().isEmpty() ? m_style.title : m_title->text().trimmed();
    if (m_hillshade) {  // a raster
        s.opacity = m_opacity->value() / 100.0;
        s.hillshade = m_hillshade->value();
        return s;
    }
    s.symbol.size = m_size->value();
    s.symbol.strokeWidth = m_width->value();
    if (m_single->isChecked()) {
        s.categoryField.clear();
        s.categories.clear();
    }
    s.label.field = m_label->currentData().toString().toStdString();
    s.opacity = m_opacity->value() / 100.0;
    if (m_halo) s.uncertainty.field = m_halo->isChecked() ? io::kHaloField : "";
    return s;
}

std::optional<TimeMode> LayerPropertiesDialog::timeMode() const
{
    if (!m_mode || !m_mode->isEnabled()) return std::nullopt;
    const QString mode = m_mode->currentData().toString();
    const std::string date = m_dateField->currentData().toString().toStdString();
    const std::string end = m_endField->currentData().toString().toStdString();
    const int fade = m_fade->value();
    if (mode == "instant" && !date.empty())
        return InstantTime{date, end.empty() ? std::nullopt : std::optional<std::string>(end), fade};
    if (mode == "interval") {
        IntervalTime t;
        t.fromField = m_fromField->currentData().toString().toStdString();
        t.toField = m_toField->currentData().toString().toStdString();
        t.fadeDays = fade;
        if (t.fromField.empty()) return std::nullopt;
        return t;
    }
    if (mode == "cumulative" && !date.empty()) {
        CumulativeTime t;
        t.dateField = date;
        t.fadeDays = fade;
        return t;
    }
    if (mode == "snapshot" && !date.empty()) return SnapshotTime{m_groupField->currentData().toString().toStdString(), date, fade};
    return std::nullopt;
}

}  // namespace atlas::app
