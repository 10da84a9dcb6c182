#include "atlas/gui/inspector.h"
#include "atlas/data/schema.h"

#include "atlas/analysis/trade_links.h"
#include "atlas/model/document_model.h"
#include "atlas/render/trade_chart.h"
#include <QTextDocument>
#include "atlas/model/document_model.h"

#include "atlas/civil_date.h"
#include "atlas/render/palette.h"
#include "atlas/analysis/search_index.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector_charts.h"
#include "atlas/gui/workbench.h"
#include "atlas/gui/timeline_dock.h"
#include "atlas/model/time_controller.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QScrollArea>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace atlas::app {
namespace {

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString esc(std::string_view s)
{
    return q(s).toHtmlEscaped();
}

QString dayLabel(int32_t day)
{
    return q(Date::ofDay(day).label());
}

QString joined(const std::vector<std::string>& items)
{
    QStringList out;
    for (const std::string& s : items) out << q(s);
    return out.join(", ");
}

QString controllerLabel(std::string_view c)
{
    return c == "junta" ? QObject::tr("Junta (SAC)") : q(c);
}

QString swatch(const QColor& c)
{
    return QString("<span style='color:%1'>&#9632;</span>").arg(c.name());
}

std::vector<std::string> splitList(std::string_view s)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find(';', start);
        if (end == std::string_view::npos) end = s.size();
        std::string item(s.substr(start, end - start));
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) out.push_back(std::move(item));
        start = end + 1;
    }
    return out;
}

QString spanText(const Interval& span)
{
    const QString from = span.begin ? dayLabel(*span.begin) : QObject::tr("(start not known)");
    const QString to = span.end ? dayLabel(*span.end - 1) : QObject::tr("open");
    return from + QString::fromUtf8(" – ") + to;
}

// "since 18 Oct 2024", "until 3 Dec 2024", "always".
QString sinceText(const Interval& span)
{
    if (span.begin) return QObject::tr("since %1").arg(dayLabel(*span.begin));
    if (span.end) return QObject::tr("until %1 (start not given by the sources)").arg(dayLabel(*span.end - 1));
    return QObject::tr("(start not given by the sources; still in force)");
}

QLabel* makeLabel(QWidget* parent, bool rich = true)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(rich ? Qt::RichText : Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return l;
}

QLabel* makeHeading(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    l->setContentsMargins(0, 8, 0, 0);
    return l;
}

// The id of the feature a FeatureRef shows, also when its layer was removed from the map.
std::string datasetIdFor(const MapDocument& doc, const FeatureRef& f)
{
    std::string id = datasetIdOf(doc, f);
    if (!id.empty() || !doc.dataset()) return id;
    for (const DatasetLayer& dl : doc.dataset()->layers())
        if (dl.layer == f.layer) return f.layer->text(f.row, "id");
    return {};
}

}  // namespace

InspectorDock::InspectorDock(const Workbench& wb, const TimelineWidget* timeline, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent), m_wb(wb), m_timeline(timeline)
{
    setObjectName("InspectorDock");
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QWidget(m_scroll);
    auto* ov = new QVBoxLayout(outer);
    ov->setContentsMargins(8, 4, 8, 8);
    m_placeholder = new QLabel(tr("Click a feature on the map to inspect it.\nClick again on the same spot for the "
                                  "next feature under it."),
                               outer);
    m_placeholder->setWordWrap(true);
    m_placeholder->setStyleSheet("color: #666");
    ov->addWidget(m_placeholder);
    m_content = new QWidget(outer);
    auto* v = new QVBoxLayout(m_content);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(3);
    ov->addWidget(m_content);
    ov->addStretch(1);

    m_title = makeLabel(m_content);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.35);
    tf.setBold(true);
    m_title->setFont(tf);
    m_subtitle = makeLabel(m_content);
    m_now = makeLabel(m_content);
    m_now->setStyleSheet("QLabel { background: #f3f1ea; border-radius: 3px; padding: 4px; }");
    m_historyHeading = makeHeading(tr("History"), m_content);
    m_history = new HistoryStrip(m_content);
    m_eventsHeading = makeHeading(tr("Events"), m_content);
    m_events = new QTreeWidget(m_content);
    m_events->setColumnCount(3);
    m_events->setHeaderLabels({tr("Date"), tr("Event"), tr("Link")});
    m_events->setRootIsDecorated(false);
    m_events->setUniformRowHeights(true);
    m_events->header()->setStretchLastSection(false);
    m_events->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_events->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_events->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_events->setToolTip(tr("Click an event to move the clock to it"));
    m_eventsNote = makeLabel(m_content);
    m_chartHeading = makeHeading(tr("Exports"), m_content);
    m_chart = new ExportChart(m_content);
    m_chartNote = makeLabel(m_content);
    m_tradeHeading = makeHeading(tr("Trade series (imported)"), m_content);
    m_trade = makeLabel(m_content);
    m_trade->setObjectName("inspectorTrade");
    m_figuresHeading = makeHeading(tr("Reported figures"), m_content);
    m_figures = makeLabel(m_content);
    m_linksHeading = makeHeading(tr("Concerns"), m_content);
    m_links = makeLabel(m_content);
    m_sourcesHeading = makeHeading(tr("Sources"), m_content);
    m_sources = makeLabel(m_content);
    m_attributesHeading = makeHeading(tr("Attributes"), m_content);
    m_attributes = makeLabel(m_content);
    for (QWidget* w : std::initializer_list<QWidget*>{m_title, m_subtitle, m_now, m_historyHeading, m_history,
                                                      m_eventsHeading, m_events, m_eventsNote, m_tradeHeading, m_trade, m_chartHeading, m_chart,
                                                      m_chartNote, m_figuresHeading, m_figures, m_linksHeading, m_links,
                                                      m_sourcesHeading, m_sources, m_attributesHeading, m_attributes})
        v->addWidget(w);
    m_scroll->setWidget(outer);
    setWidget(m_scroll);

    connect(m_events, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        if (item) emit eventActivated(item->data(0, Qt::UserRole).toString());
    });
    connect(m_events, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (item) emit eventActivated(item->data(0, Qt::UserRole).toString());
    });
    connect(m_trade, &QLabel::linkActivated, this, [this](const QString& link) { emit eventActivated(link); });
    connect(&wb.model, &DocumentModel::tradeChanged, this, &InspectorDock::refresh);
    connect(m_links, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link.startsWith("feature:")) emit featureActivated(link.mid(8));
        else if (link.startsWith("event:")) emit eventActivated(link);
    });
    connect(&wb.clock, &TimeController::cursorChanged, this, &InspectorDock::refresh);
    connect(&wb.model, &DocumentModel::layersChanged, this, &InspectorDock::refresh);
    clear();
}

void InspectorDock::setNameLanguage(NameLanguage language)
{
    m_language = language;
    refresh();
}

void InspectorDock::showFeature(const FeatureRef& feature)
{
    m_current = feature;
    build();
    show();
    raise();
}

void InspectorDock::clear()
{
    m_current.reset();
    build();
}

void InspectorDock::refresh()
{
    if (m_current) build();
}

QString InspectorDock::currentId() const
{
    return m_current ? q(datasetIdFor(m_wb.model.document(), *m_current)) : QString();
}

QString InspectorDock::titleText() const
{
    return m_title->text();
}

QString InspectorDock::nowText() const
{
    return m_now->text();
}

QString InspectorDock::sourcesText() const
{
    return m_sources->text();
}

QStringList InspectorDock::eventIds() const
{
    QStringList out;
    for (int i = 0; i < m_events->topLevelItemCount(); ++i) out << m_events->topLevelItem(i)->data(0, Qt::UserRole).toString();
    return out;
}

void InspectorDock::buildTrade(const std::string& id)
{
    const MapDocument& doc = m_wb.model.document();
    const TradeDocument& trade = doc.trade();
    if (trade.empty()) return;
    const TradeMetric metric = trade.settings.metric;
    const auto linked = tradeLinksOf(id, *trade.series, trade.settings.links, doc.links(), metric);
    if (linked.empty()) return;
    const int32_t day = m_wb.clock.day();
    QStringList parts;
    for (const FeatureTradeLink& l : linked) {
        render::TradeChart chart;
        chart.track = l.track;
        chart.metric = metric;
        chart.day = day;
        QString html = QString("<b>%1</b><br><span style='color:#a04000'>%2</span>")
                           .arg(QString::fromStdString(l.track->title()).toHtmlEscaped(),
                                render::tradeReadout(chart).toHtmlEscaped());
        if (l.drops.empty()) {
            html += tr("<br><span style='color:#666'>No fall of 30 % or more from one month to the next.</span>");
        } else {
            html += tr("<br>Falls of 30 % or more month on month, and the events of that month or the one before "
                       "concerning where it flows:");
            html += "<ul style='margin-left:-20px'>";
            for (const TradeDrop& d : l.drops) {
                const bool future = d.month.firstDay() > day;
                html += QString("<li><span style='color:%1'><b>%2</b>: %3 (%4 → %5)")
                            .arg(future ? "#999" : "#222", QString::fromStdString(d.month.label()),
                                 QString::fromStdString(formatPercent(d.change.percent)),
                                 render::formatTradeValue(d.change.from, metric),
                                 render::formatTradeValue(d.change.to, metric));
                if (d.events.empty()) html += tr(" — no linked event");
                for (const LinkedEvent& e : d.events)
                    html += QString("<br>&nbsp;&nbsp;<a href='%1'>%2 %3</a>")
                                .arg(QString::fromStdString(e.event->id).toHtmlEscaped(),
                                     QString::fromStdString(e.event->date.label()).toHtmlEscaped(),
                                     QString::fromStdString(e.event->title).toHtmlEscaped());
                html += "</span></li>";
            }
            html += "</ul>";
        }
        parts << html;
    }
    m_trade->setText(parts.join("<br>"));
    setSection(m_tradeHeading, m_trade, true);
}

QString InspectorDock::tradeText() const
{
    if (m_trade->isHidden()) return {};
    QTextDocument d;
    d.setHtml(m_trade->text());
    return d.toPlainText();
}

void InspectorDock::setSection(QLabel* heading, QWidget* body, bool visible)
{
    if (heading) heading->setVisible(visible);
    body->setVisible(visible);
}

void InspectorDock::build()
{
    const bool has = m_current && m_current->layer && m_current->row < m_current->layer->featureCount();
    m_placeholder->setVisible(!has);
    m_content->setVisible(has);
    setSection(m_historyHeading, m_history, false);
    setSection(m_eventsHeading, m_events, false);
    m_eventsNote->hide();
    setSection(m_chartHeading, m_chart, false);
    m_chartNote->hide();
    setSection(m_figuresHeading, m_figures, false);
    setSection(m_tradeHeading, m_trade, false);
    setSection(m_linksHeading, m_links, false);
    setSection(m_sourcesHeading, m_sources, false);
    setSection(m_attributesHeading, m_attributes, false);
    m_now->hide();
    if (!has) {
        emit shown({});
        return;
    }

    const MapDocument& doc = m_wb.model.document();
    const std::string id = datasetIdFor(doc, *m_current);
    const auto entry = entryIndexOf(doc, m_current->layer.get());
    if (!id.empty() && id.starts_with("event:")) buildEvent(id);
    else if (!id.empty()) buildDatasetFeature(id, entry.value_or(0));
    else buildUserFeature(entry.value_or(0));

    const Layer& layer = *m_current->layer;
    const QString attrs = attributesHtml(layer, m_current->row);
    m_attributes->setText(attrs);
    setSection(m_attributesHeading, m_attributes, !attrs.isEmpty());
    emit shown(q(id));
}

void InspectorDock::addSection(QWidget* section)
{
    m_content->layout()->addWidget(section);
}

void InspectorDock::buildDatasetFeature(const std::string& id, std::size_t)
{
    const MapDocument& doc = m_wb.model.document();
    const Dataset& ds = *doc.dataset();
    const LinkIndex* links = doc.links();
    const auto target = ds.resolve(id);
    if (!target) return;
    const DatasetLayer* dl = ds.layer(target->layerKey);
    const Layer& layer = *m_current->layer;
    const std::size_t row = m_current->row;
    const TimeCursor& cursor = m_wb.clock.cursor();
    const int32_t day = cursor.day();
    const std::string& key = target->layerKey;

    // Names: the chosen language first, the others after.
    std::string title = featureName(layer, row, m_language);
    if (title.empty()) title = id;
    m_title->setText(esc(title));
    QStringList others;
    for (const char* f : {"name", "name_my", "name_zh", "name_kac"}) {
        const std::string n = layer.text(row, f);
        if (!n.empty() && n != title) others << esc(n);
    }
    for (const std::string& n : splitNameList(layer.text(row, "alt_names"))) others << esc(n);
    if (const std::string cn = layer.text(row, "cn_counterpart"); !cn.empty()) {
        const std::string cnZh = layer.text(row, "cn_counterpart_zh");
        others << tr("China side: %1").arg(esc(cn) + (cnZh.empty() ? QString() : " " + esc(cnZh)));
    }
    QString kind;
    for (const char* f : {"kind", "minerals", "class", "description"}) {
        kind = esc(layer.text(row, f));
        if (!kind.isEmpty()) break;
    }
    const auto at = entryIndexOf(doc, m_current->layer.get());
    const QString layerTitle = at ? doc.layers()[*at].style.title.toHtmlEscaped() : esc(key);
    QString sub = QString("<span style='color:#555'>%1%2 · <code>%3</code></span>")
                      .arg(layerTitle, kind.isEmpty() ? QString() : " · " + kind, esc(id));
    if (!others.isEmpty()) sub += "<br>" + others.join(" · ");
    m_subtitle->setText(sub);

    // On the clock's day.
    QStringList now;
    now << tr("<b>On %1</b>").arg(dayLabel(day));
    const bool hasControllers = key == schema::kPlaces || key == schema::kMines || key == schema::kCrossings;
    if (links && hasControllers) {
        if (const ResolvedSpan* s = links->controllerAt(id, day)) {
            QString origin = s->origin == StateOrigin::History
                                 ? tr("controllers.csv")
                                 : tr("inside %1 on the control map").arg(esc(s->controlId));
            now << tr("Controlled by %1 <b>%2</b> %3 <span style='color:#666'>(%4)</span>")
                       .arg(swatch(render::palette::controllerColor(s->value)), controllerLabel(s->value).toHtmlEscaped(),
                            sinceText(s->span), origin);
        } else if (!links->controllerTimeline(id).empty()) {
            now << tr("Controller not known on this day");
        }
    }
    if (key == schema::kCrossings) {
        if (const StateSpan* s = links ? links->statusAt(id, day) : nullptr) {
            QString status = q(s->value);
            if (!status.isEmpty()) status[0] = status[0].toUpper();
            now << tr("%1 <b>%2</b>%3 %4")
                       .arg(swatch(render::palette::statusColor(s->value)), status,
                            s->by.empty() ? QString() : tr(" by %1").arg(esc(s->by)), sinceText(s->span));
        } else {
            now << tr("Status not known on this day");
        }
    }
    if (dl && !dl->isStatic() && row < dl->times.size()) {
        const Interval& span = dl->times.spans[row];
        if (span.contains(day)) now << tr("This version is <b>in force</b> (%1)").arg(spanText(span));
        else if (span.begin && day < *span.begin) now << tr("Not yet in force: from %1").arg(dayLabel(*span.begin));
        else now << tr("Superseded: in force %1").arg(spanText(span));
        if (key == schema::kControl) {
            const std::string c = layer.text(row, "controller");
            now << tr("Held by %1 <b>%2</b>").arg(swatch(render::palette::controllerColor(c)), controllerLabel(c).toHtmlEscaped());
        }
    }
    QStringList quality;
    if (const std::string c = layer.text(row, "confidence"); !c.empty()) quality << tr("confidence %1").arg(esc(c));
    if (const std::string p = layer.text(row, "precision"); !p.empty()) quality << tr("position %1").arg(esc(p));
    if (layer.text(row, "schematic") == "1" || layer.text(row, "schematic") == "true") quality << tr("schematic shape");
    if (!quality.isEmpty()) now << QString("<span style='color:#666'>%1</span>").arg(quality.join(" · "));
    m_now->setText(now.join("<br>"));
    m_now->show();

    // History strip on the timeline's visible period (what the user is looking at), widened
    // to include the clock's day.
    const TimelineWidget* tl = m_timeline;
    int32_t axisBegin = tl ? static_cast<int32_t>(tl->visibleFirst()) : day - 365;
    int32_t axisEnd = m_wb.clock.lastDay() > axisBegin ? m_wb.clock.lastDay() + 1 : day + 365;
    axisBegin = std::min(axisBegin, day - 60);
    axisEnd = std::max(axisEnd, day + 30);
    std::vector<HistoryRow> rows;
    std::vector<std::string> historySources;
    if (links && hasControllers) {
        HistoryRow r{tr("Controller"), {}};
        for (const ResolvedSpan& s : links->controllerTimeline(id)) {
            QString tip = controllerLabel(s.value) + ": " + spanText(s.span) + "\n";
            if (s.origin == StateOrigin::History && s.row) {
                tip += tr("controllers.csv line %1").arg(s.row->line);
                if (!s.row->sources.empty()) tip += " [" + joined(s.row->sources) + "]";
                if (!s.row->note.empty()) tip += "\n" + q(s.row->note);
                historySources.insert(historySources.end(), s.row->sources.begin(), s.row->sources.end());
            } else {
                tip += tr("from the control map: %1").arg(q(s.controlId));
            }
            r.spans.push_back({s.span.begin, s.span.end, render::palette::controllerColor(s.value), controllerLabel(s.value), tip});
        }
        if (!r.spans.empty()) rows.push_back(std::move(r));
    }
    if (key == schema::kCrossings) {
        HistoryRow r{tr("Status"), {}};
        for (const StateSpan& s : ds.crossingStatus().history(id)) {
            QString label = q(s.value);
            if (!label.isEmpty()) label[0] = label[0].toUpper();
            QString tip = label + (s.by.empty() ? QString() : tr(" by %1").arg(q(s.by))) + ": " + spanText(s.span);
            if (!s.note.empty()) tip += "\n" + q(s.note);
            historySources.insert(historySources.end(), s.sources.begin(), s.sources.end());
            r.spans.push_back({s.span.begin, s.span.end, render::palette::statusColor(s.value), label, tip});
        }
        if (!r.spans.empty()) rows.push_back(std::move(r));
    }
    if (dl && !dl->isStatic() && links) {
        const std::string group = layer.text(row, key == schema::kControl ? "area_id" : "line_id");
        HistoryRow r{tr("Versions"), {}};
        // A control area's version is a feature per part (KIA, junta, contested) over one span:
        // one segment per version, showing the part inspected or else the part held by the same
        // side, the others named in its tip — stacked segments drew their labels over each other.
        const std::string side = key == schema::kControl ? layer.text(row, "controller") : std::string();
        struct Version {
            HistorySpan segment;
            int rank = -1;
            QStringList parts;  // every feature of the version, for the tip
        };
        std::vector<Version> versions;
        std::map<std::pair<std::optional<int32_t>, std::optional<int32_t>>, std::size_t> versionOf;
        for (const std::string& v : links->versionsOf(group)) {
            const auto t = ds.resolve(v);
            if (!t || t->layerKey != key) continue;
            const Interval& span = dl->times.spans[t->row];
            const std::string controller = key == schema::kControl ? dl->layer->text(t->row, "controller") : std::string();
            const auto [slot, fresh] = versionOf.try_emplace({span.begin, span.end}, versions.size());
            if (fresh) versions.emplace_back();
            Version& version = versions[slot->second];
            version.parts << q(v);
            const int rank = v == id ? 2 : (!side.empty() && controller == side ? 1 : 0);
            if (rank <= version.rank) continue;
            version.rank = rank;
            QColor c = key == schema::kControl ? render::palette::controllerColor(controller) : render::palette::kFrontLine;
            if (v != id) c = c.lighter(150);
            c.setAlpha(v == id ? 255 : 110);
            const QString label = key == schema::kControl ? controllerLabel(controller) : QString();
            version.segment = {span.begin, span.end, c, label, spanText(span)};
        }
        for (Version& version : versions) {
            version.segment.tooltip = version.parts.join("\n") + "\n" + version.segment.tooltip;
            r.spans.push_back(std::move(version.segment));
        }
        if (!r.spans.empty()) rows.push_back(std::move(r));
    }
    if (!rows.empty()) {
        m_history->setRows(std::move(rows), axisBegin, axisEnd);
        m_history->setToday(day);
        setSection(m_historyHeading, m_history, true);
    }

    // Events that name the feature, and those that happened within 10 km of it.
    if (links) {
        struct Row {
            const Event* e;
            QString relation;
        };
        std::map<std::string, Row> byId;
        for (const LinkedEvent& le : links->eventsLinkedTo(id))
            byId.emplace(le.event->id, Row{le.event, le.via.empty() ? tr("linked") : tr("via %1").arg(q(ds.nameOf(le.via).empty() ? le.via : ds.nameOf(le.via)))});
        for (const NearbyEvent& ne : links->eventsWithin(id, 10'000))
            byId.emplace(ne.event->id, Row{ne.event, ne.metres < 500 ? tr("here") : tr("%1 km away").arg(ne.metres / 1000, 0, 'f', 0)});
        std::vector<Row> list;
        for (auto& [k, r] : byId) list.push_back(r);
        std::sort(list.begin(), list.end(), [](const Row& a, const Row& b) {
            return std::tie(a.e->span.begin, a.e->id) < std::tie(b.e->span.begin, b.e->id);
        });
        m_events->clear();
        const Interval window = cursor.window();
        int past = 0, later = 0;
        QTreeWidgetItem* lastPast = nullptr;
        for (const Row& r : list) {
            auto* item = new QTreeWidgetItem(m_events);
            QString date = q(r.e->date.label());
            if (r.e->approx) date.prepend(QString::fromUtf8("≈ "));
            item->setText(0, date);
            item->setText(1, q(r.e->title));
            item->setText(2, r.relation);
            item->setData(0, Qt::UserRole, q(r.e->id));
            item->setToolTip(1, q(r.e->summary));
            item->setIcon(0, [&] {
                // One icon per kind: the list is rebuilt on clock steps, and a new pixmap each
                // time filed a new scaled copy in QPixmapCache (see legendSymbolIcon).
                static auto& icons = *new std::map<std::string, QIcon>;  // never destroyed (legend.cpp)
                if (const auto it = icons.find(r.e->kind); it != icons.end()) return it->second;
                QPixmap pm(10, 10);
                pm.fill(Qt::transparent);
                QPainter p(&pm);
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(Qt::NoPen);
                p.setBrush(render::palette::eventKindColor(r.e->kind));
                p.drawEllipse(QRectF(1, 1, 8, 8));
                p.end();
                return icons.emplace(r.e->kind, QIcon(pm)).first->second;
            }());
            const bool future = r.e->span.begin && *r.e->span.begin > day;
            if (future) {
                ++later;
                for (int c = 0; c < 3; ++c) {
                    item->setForeground(c, QColor(150, 150, 150));
                    QFont f = item->font(c);
                    f.setItalic(true);
                    item->setFont(c, f);
                }
            } else {
                ++past;
                lastPast = item;
                if (r.e->span.overlaps(window))
                    for (int c = 0; c < 3; ++c) {
                        QFont f = item->font(c);
                        f.setBold(true);
                        item->setFont(c, f);
                    }
            }
        }
        if (!list.empty()) {
            const int rowsShown = std::min<int>(static_cast<int>(list.size()), 6);
            const int rh = m_events->sizeHintForRow(0) > 0 ? m_events->sizeHintForRow(0) : 20;
            m_events->setFixedHeight(m_events->header()->sizeHint().height() + rowsShown * rh + 6);
            if (lastPast) m_events->scrollToItem(lastPast, QAbstractItemView::PositionAtCenter);
            setSection(m_eventsHeading, m_events, true);
            m_eventsHeading->setText(tr("Events (%1 up to this day, %2 later)").arg(past).arg(later));
            m_eventsNote->setText(tr("<span style='color:#666'>Bold: in the clock's window. Grey: after the clock's "
                                     "day. Click one to move the clock there.</span>"));
            m_eventsNote->show();
        }
    }

    // Trade observations linked to the feature (through the events that name both); for mines
    // and crossings drawn against all of China's imports from Myanmar, which is where their
    // output goes.
    if (links) {
        std::vector<const ExportObservation*> obs;
        for (const LinkedExport& le : links->exportsLinkedTo(id)) obs.push_back(le.observation);
        buildExports(std::move(obs), key == schema::kMines || key == schema::kCrossings);
    }

    buildTrade(id);

    // A mine's reported figures, greyed when reported after the clock's day.
    if (key == schema::kMines) {
        QStringList lines;
        for (const MineFigure* f : ds.mineFigures().forFeature(id)) {
            const bool future = f->period.first() > day;
            lines << QString("<span style='color:%1'>%2 — %3: <b>%4%5</b> %6 [%7]</span>")
                         .arg(future ? "#999" : "#222", esc(f->period.label()), esc(f->metric), esc(f->qualifier),
                              esc(f->valueText), esc(f->unit), joined(f->sources).toHtmlEscaped());
        }
        if (!lines.isEmpty()) {
            m_figures->setText(lines.join("<br>"));
            setSection(m_figuresHeading, m_figures, true);
        }
    }

    std::vector<std::string> sources = splitList(layer.text(row, "sources"));
    for (const std::string& s : historySources)
        if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
    const QString html = sourcesHtml(sources);
    m_sources->setText(html);
    setSection(m_sourcesHeading, m_sources, !html.isEmpty());
}

void InspectorDock::buildEvent(const std::string& id)
{
    const MapDocument& doc = m_wb.model.document();
    const Dataset& ds = *doc.dataset();
    const LinkIndex* links = doc.links();
    const Event* e = ds.events().byId(id);
    if (!e) return;
    const int32_t day = m_wb.clock.day();
    m_title->setText(esc(e->title));
    QString date = q(e->date.label());
    if (e->end && !(*e->end == e->date)) date += QString::fromUtf8(" – ") + q(e->end->label());
    if (e->approx) date.prepend(QString::fromUtf8("≈ "));
    m_subtitle->setText(QString("<span style='color:#555'>%1 %2 · %3 · <code>%4</code></span>")
                            .arg(swatch(render::palette::eventKindColor(e->kind)), esc(e->kind), date, esc(e->id)));
    QStringList now;
    if (e->span.overlaps(m_wb.clock.cursor().window())) now << tr("<b>In the clock's window</b> (%1)").arg(dayLabel(day));
    else if (e->span.begin && *e->span.begin > day) now << tr("<b>%n day(s) after</b> the clock's day", nullptr, *e->span.begin - day);
    else if (e->span.end) now << tr("<b>%n day(s) before</b> the clock's day", nullptr, day - *e->span.end + 1);
    now << esc(e->summary);
    if (!e->actors.empty()) {
        QStringList a;
        for (const auto& s : e->actors) a << esc(s);
        now << tr("Actors: %1").arg(a.join(", "));
    }
    if (!e->confidence.empty()) now << QString("<span style='color:#666'>%1</span>").arg(tr("confidence %1").arg(esc(e->confidence)));
    m_now->setText(now.join("<br>"));
    m_now->show();

    QStringList concerned;
    const std::vector<std::string> ids = links ? links->idsOfEvent(id) : e->links;
    for (const std::string& other : ids) {
        const auto t = ds.resolve(other);
        const std::string name = ds.nameOf(other);
        const QString label = esc(name.empty() ? other : name);
        if (t && t->kind == IdTarget::Kind::Feature) concerned << QString("<a href='feature:%1'>%2</a>").arg(esc(other), label);
        else concerned << label + QString(" <span style='color:#666'>(%1)</span>").arg(esc(other));
    }
    if (!concerned.isEmpty()) {
        m_links->setText(concerned.join(" · "));
        setSection(m_linksHeading, m_links, true);
    }
    if (links) {
        std::vector<const ExportObservation*> obs;
        for (const LinkedExport& le : links->exportsLinkedTo(id)) obs.push_back(le.observation);
        buildExports(std::move(obs), false);
    }
    const QString html = sourcesHtml(e->sources);
    m_sources->setText(html);
    setSection(m_sourcesHeading, m_sources, !html.isEmpty());
}

void InspectorDock::buildExports(std::vector<const ExportObservation*> linked, bool withContext)
{
    const Dataset& ds = *m_wb.model.document().dataset();
    const int32_t day = m_wb.clock.day();
    std::sort(linked.begin(), linked.end());
    linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
    if (linked.empty() && !withContext) return;
    auto isLinked = [&](const ExportObservation* o) { return std::binary_search(linked.begin(), linked.end(), o); };
    std::vector<const ExportObservation*> shown = linked;
    if (withContext)
        for (const ExportObservation& o : ds.exports().all())
            if (o.reporter == "China" && o.partner == "Myanmar" && o.flow == "import" && o.metric == "quantity" && o.unit == "t"
                && !isLinked(&o))
                shown.push_back(&o);
    if (shown.empty()) return;

    // One metric and unit: tonnes when there are any, else the most common linked one.
    std::map<std::pair<std::string, std::string>, int> groups;
    for (const ExportObservation* o : shown) ++groups[{o->metric, o->unit}];
    std::pair<std::string, std::string> pick{"quantity", "t"};
    if (!groups.count(pick))
        pick = std::max_element(groups.begin(), groups.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    // Quantities and values are drawn per month over their period, so a year and a month
    // compare; shares and changes are drawn as published.
    const bool perMonth = pick.first == "quantity" || pick.first == "value";
    std::vector<ChartBar> bars;
    QStringList notCharted;
    int32_t first = 0, last = 0;
    for (const ExportObservation* o : shown) {
        const QString value = q(o->qualifier) + QLocale().toString(o->value, 'f', o->value < 100 ? 1 : 0) + " " + q(o->unit);
        QString tip = q(o->periodLabel()) + ": " + value + "\n" + q(o->reporter + " " + o->flow + " · " + o->basket)
                      + (o->partner.empty() ? QString() : " · " + q(o->partner)) + "\n[" + joined(o->sources) + "]";
        if (!isLinked(o)) tip += "\n" + tr("(context: not linked to this feature)");
        if (std::make_pair(o->metric, o->unit) == pick && o->span.begin && o->span.end) {
            const double months = std::max(1.0, static_cast<double>(*o->span.end - *o->span.begin) / 30.4375);
            ChartBar b{*o->span.begin, *o->span.end, perMonth ? o->value / months : o->value, q(o->qualifier), tip, isLinked(o)};
            if (bars.empty()) first = b.begin, last = b.end;
            first = std::min(first, b.begin);
            last = std::max(last, b.end);
            bars.push_back(std::move(b));
        } else if (isLinked(o)) {
            const bool future = o->span.begin && *o->span.begin > day;
            notCharted << QString("<span style='color:%1'>%2 — %3 %4</span>")
                              .arg(future ? "#999" : "#333", esc(o->periodLabel()), esc(o->metric), value.toHtmlEscaped());
        }
    }
    if (!bars.empty()) {
        // Whole years on the axis, the clock's day included.
        first = std::min(first, day);
        last = std::max(last, day + 1);
        first = daysFromCivil(civilFromDays(first).year, 1, 1);
        last = daysFromCivil(civilFromDays(last - 1).year + 1, 1, 1);
        const QString unit = pick.second == "t" ? tr("tonnes a month (average over each period)")
                                                : perMonth ? q(pick.first + ", " + pick.second) + tr(" a month")
                                                           : q(pick.first + ", " + pick.second);
        m_chart->setBars(std::move(bars), unit, first, last);
        m_chart->setToday(day);
        setSection(m_chartHeading, m_chart, true);
    } else {
        m_chartHeading->show();
    }
    QString note = QString("<span style='color:#666'>%1</span>")
                       .arg(withContext ? (linked.empty() ? tr("No observation is linked to this feature; grey: all of "
                                                               "China's imports from Myanmar (context).")
                                                            : tr("Green: linked to this feature; grey: all of China's "
                                                                 "imports from Myanmar (context)."))
                                              + tr(" One bar per observation as published — do not add them up. Pale: "
                                                   "after the clock's day. Hover for the figure as published.")
                                        : tr("One bar per observation as published — do not add them up. Pale: after "
                                             "the clock's day. Hover for the figure as published."));
    if (!notCharted.isEmpty()) note += "<br>" + notCharted.join("<br>");
    m_chartNote->setText(note);
    m_chartNote->show();
}

void InspectorDock::buildUserFeature(std::size_t entry)
{
    const MapDocument& doc = m_wb.model.document();
    const Layer& layer = *m_current->layer;
    const std::size_t row = m_current->row;
    std::string title = featureName(layer, row, m_language);
    for (const char* f : {"title", "label", "NAME", "Name"})
        if (title.empty()) title = layer.text(row, f);
    if (title.empty())
        for (const Column& c : layer.columns())
            if (c.type() == FieldType::String && !isInternalColumn(c.name()) && !c.isNull(row)) {
                title = std::string(c.string(row));
                break;
            }
    if (title.empty()) title = "Feature " + std::to_string(layer.fid(row));
    m_title->setText(esc(title));
    const QString layerTitle = entry < doc.layers().size() ? doc.layers()[entry].style.title : q(layer.name());
    m_subtitle->setText(QString("<span style='color:#555'>%1 · %2 · feature %3</span>")
                            .arg(layerTitle.toHtmlEscaped(), QFileInfo(q(layer.sourcePath())).fileName().toHtmlEscaped())
                            .arg(layer.fid(row)));
    if (entry < doc.layers().size()) {
        if (const FeatureTimes* t = doc.featureTimes(entry); t && row < t->size()) {
            const int32_t day = m_wb.clock.day();
            const Interval& span = t->spans[row];
            QString text;
            if (t->excluded[row]) text = tr("Left off the timeline: its dates could not be read");
            else if (span.contains(day)) text = tr("<b>Valid</b> on %1 (%2)").arg(dayLabel(day), spanText(span));
            else text = tr("<b>Not valid</b> on %1 (%2)").arg(dayLabel(day), spanText(span));
            m_now->setText(text);
            m_now->show();
        }
    }
}

QString InspectorDock::sourcesHtml(const std::vector<std::string>& ids) const
{
    const Dataset* ds = m_wb.model.document().dataset();
    QStringList items;
    for (const std::string& id : ids) {
        const Source* s = ds ? ds->sources().find(id) : nullptr;
        if (!s) {
            items << tr("<b>%1</b> <span style='color:#a00'>(not in SOURCES.md)</span>").arg(esc(id));
            continue;
        }
        QString line = QString("<b>%1</b> %2").arg(esc(s->id), esc(s->outlet));
        if (!s->title.empty()) line += QString::fromUtf8(" — “") + esc(s->title) + QString::fromUtf8("”");
        if (!s->date.empty() && s->date != "—") line += " (" + esc(s->date) + ")";
        if (!s->url.empty() && s->url != "—") line += "<br><span style='color:#555; font-family:monospace'>" + esc(s->url) + "</span>";
        items << line;
    }
    return items.join("<br>");
}

QString InspectorDock::attributesHtml(const Layer& layer, std::size_t row) const
{
    QString html = "<table cellspacing='0' cellpadding='2' width='100%'>";
    int n = 0;
    for (const Column& c : layer.columns()) {
        if (isInternalColumn(c.name()) || c.isNull(row)) continue;
        const std::string value = c.text(row);
        if (value.empty()) continue;
        html += QString("<tr><td style='color:#666; padding-right:8px' valign='top'>%1</td><td>%2</td></tr>")
                    .arg(esc(c.name()), esc(value));
        ++n;
    }
    html += "</table>";
    return n ? html : QString();
}

}  // namespace atlas::app
