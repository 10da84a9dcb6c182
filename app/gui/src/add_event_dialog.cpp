#include "atlas/gui/add_event_dialog.h"

#include "atlas/crs.h"
#include "atlas/data/dataset.h"
#include "atlas/data/schema.h"
#include "atlas/data/vocabulary.h"
#include "atlas/data/csv_table.h"
#include "atlas/gui/draft_keeper.h"
#include "atlas/gui/event_update.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/record_form.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/workbench.h"
#include "atlas/model/document_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStatusBar>

namespace atlas::app {
namespace {

// "2 km", "500m" → the schema's precision text ("~2 km"); "" when empty; nullopt when bad.
std::optional<std::string> radiusText(const QString& text)
{
    if (text.trimmed().isEmpty()) return std::string();
    static const QRegularExpression re(R"(^\s*~?\s*(\d+(?:\.\d+)?)\s*(km|m)\s*$)");
    const auto m = re.match(text);
    if (!m.hasMatch()) return std::nullopt;
    return "~" + m.captured(1).toStdString() + " " + m.captured(2).toStdString();
}

std::vector<std::string> splitActors(const QString& text)
{
    std::vector<std::string> out;
    for (const QString& a : text.split(QRegularExpression("[;,]"), Qt::SkipEmptyParts))
        if (!a.trimmed().isEmpty()) out.push_back(a.trimmed().toStdString());
    return out;
}

}  // namespace

AddEventDialog::AddEventDialog(RecordSession& session, const Workbench& wb, QWidget* parent)
    : QDialog(parent), m_session(session), m_wb(wb)
{
    setObjectName("addEventDialog");
    setWindowTitle(tr("Add Event"));
    auto* form = new QFormLayout;

    m_date = new QLineEdit(this);
    m_date->setObjectName("date");
    m_date->setPlaceholderText("2026-01-14, 2026-01 or 2026");
    m_datePrecision = new QLabel(this);
    m_datePrecision->setObjectName("datePrecision");
    auto* dateRow = new QHBoxLayout;
    dateRow->addWidget(m_date, 1);
    dateRow->addWidget(m_datePrecision);
    form->addRow(tr("Date:"), dateRow);
    connect(m_date, &QLineEdit::textChanged, this,
            [this](const QString& t) { m_datePrecision->setText(datePrecisionText(t)); });

    m_dateEnd = new QLineEdit(this);
    m_dateEnd->setObjectName("dateEnd");
    m_dateEnd->setPlaceholderText(tr("last day, when it lasted (optional)"));
    m_approx = new QCheckBox(tr("approximate"), this);
    m_approx->setObjectName("approx");
    auto* endRow = new QHBoxLayout;
    endRow->addWidget(m_dateEnd, 1);
    endRow->addWidget(m_approx);
    form->addRow(tr("End date:"), endRow);

    m_kind = new QComboBox(this);
    m_kind->setObjectName("kind");
    for (std::string_view k : vocab::kEventKinds) m_kind->addItem(QString::fromUtf8(k.data(), static_cast<int>(k.size())));
    form->addRow(tr("Kind:"), m_kind);

    m_title = new QLineEdit(this);
    m_title->setObjectName("title");
    form->addRow(tr("Title:"), m_title);
    m_summary = new QLineEdit(this);
    m_summary->setObjectName("summary");
    m_summary->setPlaceholderText(tr("one line, own words"));
    form->addRow(tr("Summary:"), m_summary);
    m_actors = new QLineEdit(this);
    m_actors->setObjectName("actors");
    m_actors->setPlaceholderText("KIA; junta");
    form->addRow(tr("Actors:"), m_actors);

    m_links = new IdPicker(this);
    m_links->setObjectName("links");
    fillFeatures(*m_links, session.dataset(), true);
    form->addRow(tr("Links:"), m_links);

    // The place the event is at (place_id): its town point is the event's point unless one is
    // picked or typed. Searchable by name, like every other id.
    m_place = makeIdCombo(this, "place", session.dataset(),
                          [](const std::string& id) { return id.rfind("place:", 0) == 0; }, tr("(none)"));
    form->addRow(tr("Place:"), m_place);
    connect(m_place, &QComboBox::activated, this, &AddEventDialog::onPlaceChosen);

    m_lon = new QLineEdit(this);
    m_lon->setObjectName("lon");
    m_lon->setPlaceholderText(tr("lon"));
    m_lat = new QLineEdit(this);
    m_lat->setObjectName("lat");
    m_lat->setPlaceholderText(tr("lat"));
    m_pick = new QPushButton(tr("Pick on Map"), this);
    m_pick->setObjectName("pickOnMap");
    m_pick->setCheckable(true);
    auto* none = new QPushButton(tr("None"), this);
    none->setObjectName("noLocation");
    auto* at = new QHBoxLayout;
    at->addWidget(m_lon);
    at->addWidget(m_lat);
    at->addWidget(m_pick);
    at->addWidget(none);
    form->addRow(tr("Location:"), at);
    connect(m_pick, &QPushButton::clicked, this, [this](bool on) {
        if (on) startPicking();
        else m_picking = false;
    });
    connect(none, &QPushButton::clicked, this, [this] {
        m_lon->clear();
        m_lat->clear();
    });
    connect(&m_wb.canvas, &MapCanvas::clicked, this,
            [this](double x, double y, Qt::KeyboardModifiers) { onCanvasClicked(x, y); });
    m_radius = new QLineEdit(this);
    m_radius->setObjectName("radius");
    m_radius->setPlaceholderText(tr("how far it may be off: 2 km, 500 m"));
    form->addRow(tr("Uncertainty:"), m_radius);

    const CitationRows citation = addCitationRows(*form, this, session);
    m_sources = citation.sources;
    m_confidence = citation.confidence;
    m_note = new QLineEdit(this);
    m_note->setObjectName("note");
    form->addRow(tr("Note:"), m_note);
    m_error = layOutForm(*this, form);
    resize(620, 700);

    // Each open form has its own slot, so two Add Event forms are two drafts.
    static int opened = 0;
    m_drafts = new DraftKeeper(*this, session.journal(), "add-event:" + std::to_string(++opened),
                               session.storeLocation(), [this]() -> std::optional<edit::Edit> { return draft(); });
    m_drafts->setBaseline();
}

AddEventDialog::~AddEventDialog() = default;

void AddEventDialog::startPicking()
{
    m_picking = true;
    m_pick->setChecked(true);
    m_wb.status.showMessage(tr("Click the map where the event happened"), 8000);
}

void AddEventDialog::onCanvasClicked(double x, double y)
{
    if (!m_picking) return;
    m_picking = false;
    m_pick->setChecked(false);
    setLonLat({x, y});
    raise();
    activateWindow();
}

void AddEventDialog::setLonLat(Coord displayXY)
{
    const auto toWgs84 = CoordinateTransform::create(m_wb.model.document().displayCrs(), kWgs84);
    if (!toWgs84) return;
    const Coord ll = toWgs84->transform(displayXY);
    m_lon->setText(QString::number(ll.x, 'f', 5));
    m_lat->setText(QString::number(ll.y, 'f', 5));
}

void AddEventDialog::onPlaceChosen()
{
    if (!m_lon->text().trimmed().isEmpty() || !m_lat->text().trimmed().isEmpty()) return;
    const Dataset* ds = m_session.dataset();
    const std::string id = m_place->currentData().toString().toStdString();
    if (!ds || id.empty()) return;
    const auto target = ds->resolve(id);
    const DatasetLayer* places = ds->layer(schema::kPlaces);
    if (!target || !places || target->layerKey != schema::kPlaces) return;
    setLonLat(places->layer->geometry().firstCoord(target->row));
}

edit::AddEvent AddEventDialog::draft() const
{
    edit::AddEvent e;
    e.date = m_date->text().trimmed().toStdString();
    e.dateEnd = m_dateEnd->text().trimmed().toStdString();
    e.dateApprox = m_approx->isChecked();
    e.kind = m_kind->currentText().toStdString();
    e.title = m_title->text().trimmed().toStdString();
    e.summary = m_summary->text().trimmed().toStdString();
    e.actors = splitActors(m_actors->text());
    e.links = m_links->checkedIds();
    e.links.insert(e.links.end(), m_unlistedLinks.begin(), m_unlistedLinks.end());
    e.placeId = m_place->currentData().toString().toStdString();
    bool okLon = false, okLat = false;
    const double x = m_lon->text().trimmed().toDouble(&okLon), y = m_lat->text().trimmed().toDouble(&okLat);
    if (okLon && okLat) e.lonLat = std::pair{x, y};
    e.precision = m_radius->text().trimmed().toStdString();
    e.sources = m_sources->checkedIds();
    e.sources.insert(e.sources.end(), m_unlistedSources.begin(), m_unlistedSources.end());
    e.confidence = m_confidence->currentText().toStdString();
    e.note = m_note->text().trimmed().toStdString();
    return e;
}

std::optional<edit::AddEvent> AddEventDialog::edit()
{
    QString why;
    edit::AddEvent e = draft();
    const auto date = readDate(*m_date, false, why);
    if (!date) return showError(why), std::nullopt;
    e.date = *date;
    e.dateEnd = readDate(*m_dateEnd, true, why).value_or("");
    if (!why.isEmpty()) return showError(why), std::nullopt;
    if (e.title.empty()) return showError(tr("title: a title is required")), std::nullopt;
    const bool lonGiven = !m_lon->text().trimmed().isEmpty(), latGiven = !m_lat->text().trimmed().isEmpty();
    if ((lonGiven || latGiven) && !e.lonLat)
        return showError(tr("location: lon and lat must both be numbers in degrees")), std::nullopt;
    auto radius = radiusText(m_radius->text());
    // An edited row keeps a precision written in words when the field was left as it was.
    if (!radius && isEditing() && e.precision == m_keptPrecision) radius = m_keptPrecision;
    if (!radius) return showError(tr("radius: expected a distance such as 2 km or 500 m")), std::nullopt;
    e.precision = e.lonLat ? *radius : std::string();
    return e;
}

void AddEventDialog::fill(const edit::AddEvent& e)
{
    auto q = [](const std::string& s) { return QString::fromStdString(s); };
    m_date->setText(q(e.date));
    m_dateEnd->setText(q(e.dateEnd));
    m_approx->setChecked(e.dateApprox);
    // A kind or confidence the vocabulary lacks (an old row) is shown as it is, so OK keeps it.
    if (m_kind->findText(q(e.kind)) < 0) m_kind->addItem(q(e.kind));
    m_kind->setCurrentText(q(e.kind));
    m_title->setText(q(e.title));
    m_summary->setText(q(e.summary));
    QStringList actors;
    for (const std::string& a : e.actors) actors << q(a);
    m_actors->setText(actors.join("; "));
    m_unlistedLinks.clear();
    m_unlistedSources.clear();
    for (const std::string& id : e.links)
        if (!m_links->setChecked(id)) m_unlistedLinks.push_back(id);
    for (const std::string& id : e.sources)
        if (!m_sources->setChecked(id)) m_unlistedSources.push_back(id);
    m_links->raiseChecked();
    m_sources->raiseChecked();
    // A place the list lacks (a row naming one since removed) is shown as it is, so OK keeps it.
    if (!e.placeId.empty() && m_place->findData(q(e.placeId)) < 0) m_place->addItem(q(e.placeId), q(e.placeId));
    m_place->setCurrentIndex(std::max(0, m_place->findData(q(e.placeId))));
    m_lon->setText(e.lonLat ? QString::number(e.lonLat->first, 'f', 5) : QString());
    m_lat->setText(e.lonLat ? QString::number(e.lonLat->second, 'f', 5) : QString());
    m_radius->setText(q(e.precision));
    if (m_confidence->findText(q(e.confidence)) < 0) m_confidence->addItem(q(e.confidence));
    m_confidence->setCurrentText(q(e.confidence));
    m_note->setText(q(e.note));
}

void AddEventDialog::editExisting(const edit::Json& feature)
{
    m_editing = feature;
    const edit::AddEvent row = eventFromRow(feature);
    const std::string id = feature["properties"].value("id", "");
    setObjectName("editEventDialog");
    setWindowTitle(tr("Edit Event %1").arg(QString::fromStdString(id)));
    fill(row);
    m_keptPrecision = row.precision;
    m_drafts->setSlot("edit:" + id);
    m_drafts->setBaseline();
}

QString AddEventDialog::errorText() const { return m_error->text(); }

void AddEventDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void AddEventDialog::accept()
{
    showError({});
    const auto e = edit();
    if (!e) return;
    if (isEditing()) {
        const auto update = eventUpdate(m_editing, *e);
        if (!update) return showError(tr("nothing changed: correct a field, or add a source that confirms the event"));
        const auto applied = m_session.apply(*update);
        if (!applied) return showError(QString::fromStdString(applied.message()));
        m_written = applied->id;
        QDialog::accept();
        return;
    }
    const auto applied = m_session.apply(*e);
    if (!applied) {
        showError(QString::fromStdString(applied.message()));
        return;
    }
    m_written = applied->id;
    QDialog::accept();
}

void AddEventDialog::done(int result)
{
    // Applied or given up (Cancel, Escape): either way the draft is no longer unsaved work.
    m_drafts->finish();
    QDialog::done(result);
}

void AddEventDialog::restoreDraft(const edit::AddEvent& e)
{
    fill(e);
    m_drafts->keepRecovered();
}

}  // namespace atlas::app
