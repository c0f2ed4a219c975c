/* icp-review-page.c: every server with its verdict, and the details of the selected one
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The list is a model pipeline declared in icp-review-page.ui:
 *
 *   IcpInventory → GtkSortListModel (the column view's sorter)
 *                → IcpReviewRows (search + verdict) → GtkSingleSelection → GtkColumnView
 *
 * IcpReviewRows, defined below, is a filter model of our own; why is said there.
 *
 * Sorting comes before filtering so that a keystroke in the search entry only filters an
 * already sorted list: with 100 000 rows, re-sorting what the filter lets through at every
 * key would cost more than the filter itself.
 *
 * The filter is one function for both the text and the verdict. It must stay cheap,
 * because it runs over every row at each keystroke: the search text is folded once; ids and
 * addresses are ASCII and compared byte by byte without allocating; only names with
 * non-ASCII characters are folded, once, and kept on the instance until the name changes.
 *
 * Cells are built in code (GtkSignalListItemFactory, see "Cells" below) rather than from
 * builder templates, because GTK 4.8 rebuilds the rows on screen at every keystroke. Each cell
 * follows its instance's properties, so a new verdict repaints the badge at once.
 *
 * The inventory re-checks an instance when one of its facts changes; when a verdict moves,
 * the verdict filter and the verdict sort are applied again (once per main loop turn, however
 * many verdicts changed).
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "icp-details-pane.h"
#include "icp-enums.h"
#include "icp-report.h"
#include "icp-time.h"
#include "icp-review-page.h"

/* --- The rows: the sorted inventory, filtered ---
 *
 * IcpReviewRows takes GtkFilterListModel's place in the pipeline, for two reasons that only
 * show with 100 000 rows on GTK 4.8:
 *
 * - Its get_item() is an array lookup. GtkFilterListModel's finds the n-th set bit of a
 *   bitset, and after one large items-changed GTK's list item manager calls it for every
 *   added row while it looks for the rows it was showing (a fifth of a keystroke's time).
 * - A search can swap the rows in three steps instead of one items-changed: the new rows go
 *   in before the old ones, the page scrolls to the top, then the old rows go. The list then
 *   rebinds the ~200 row widgets it keeps instead of destroying and creating them all again.
 *
 * Changes from below (sorting, servers added, verdicts that moved) are one items-changed for
 * the range that differs, as GtkFilterListModel would emit. */

#define ICP_TYPE_REVIEW_ROWS (icp_review_rows_get_type ())
G_DECLARE_FINAL_TYPE (IcpReviewRows, icp_review_rows, ICP, REVIEW_ROWS, GObject)

typedef gboolean (*IcpReviewRowsMatch) (IcpInstance *instance,
                                        gpointer     user_data);

struct _IcpReviewRows
{
  GObject             parent_instance;

  GListModel         *model;       /* the sorted inventory */
  IcpReviewRowsMatch  match;       /* NULL: every row */
  gpointer            match_data;
  GPtrArray          *all;         /* (element-type IcpInstance): every row of @model */
  GPtrArray          *items;       /* (element-type IcpInstance): the rows that match */
  GPtrArray          *leaving;     /* during a swap, old rows still shown after the new ones */
  guint               leaving_at;
};

enum {
  ROWS_PROP_0,
  ROWS_PROP_MODEL,
  ROWS_PROP_N_ITEMS,
  ROWS_N_PROPS
};

static GParamSpec *rows_properties[ROWS_N_PROPS];

static GType
icp_review_rows_get_item_type (GListModel *model)
{
  return ICP_TYPE_INSTANCE;
}

static guint
icp_review_rows_get_n_items (GListModel *model)
{
  IcpReviewRows *self = ICP_REVIEW_ROWS (model);

  return self->items->len + (self->leaving != NULL ? self->leaving->len : 0);
}

static gpointer
icp_review_rows_get_item (GListModel *model,
                          guint       position)
{
  IcpReviewRows *self = ICP_REVIEW_ROWS (model);

  if (self->leaving != NULL && position >= self->leaving_at)
    {
      if (position - self->leaving_at < self->leaving->len)
        return g_object_ref (g_ptr_array_index (self->leaving, position - self->leaving_at));
      position -= self->leaving->len;
    }
  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
icp_review_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = icp_review_rows_get_item_type;
  iface->get_n_items = icp_review_rows_get_n_items;
  iface->get_item = icp_review_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (IcpReviewRows, icp_review_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      icp_review_rows_list_model_init))

/* The rows of @source that match. */
static GPtrArray *
icp_review_rows_collect (IcpReviewRows *self,
                         GPtrArray     *source)
{
  GPtrArray *items = g_ptr_array_new_full (source->len, g_object_unref);

  for (guint i = 0; i < source->len; i++)
    {
      IcpInstance *instance = g_ptr_array_index (source, i);

      if (self->match == NULL || self->match (instance, self->match_data))
        g_ptr_array_add (items, g_object_ref (instance));
    }

  return items;
}

/* Replaces the rows with @items. With @swap, as a search does: when rows both leave and
 * arrive, the new rows go in first, then @between runs (the page scrolls to the top), then
 * the old rows go. */
static void
icp_review_rows_replace (IcpReviewRows *self,
                         GPtrArray     *items,  /* (transfer full) */
                         gboolean       swap,
                         GFunc          between,
                         gpointer       between_data)
{
  g_autoptr(GPtrArray) old = self->items;
  guint prefix = 0, suffix = 0, removed, added;

  while (prefix < old->len && prefix < items->len &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (items, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < items->len - prefix &&
         g_ptr_array_index (old, old->len - 1 - suffix) ==
         g_ptr_array_index (items, items->len - 1 - suffix))
    suffix++;
  removed = old->len - prefix - suffix;
  added = items->len - prefix - suffix;

  self->items = items;
  if (removed == 0 && added == 0)
    return;

  if (swap && removed > 0 && added > 0)
    {
      g_autoptr(GPtrArray) leaving = g_ptr_array_new_full (removed, g_object_unref);

      for (guint i = 0; i < removed; i++)
        g_ptr_array_add (leaving, g_object_ref (g_ptr_array_index (old, prefix + i)));
      self->leaving = leaving;
      self->leaving_at = prefix + added;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
      if (between != NULL)
        between (self, between_data);
      self->leaving = NULL;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix + added, removed, 0);
    }
  else
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), rows_properties[ROWS_PROP_N_ITEMS]);
}

/* Filters again. @narrower: every row that will match matches now (the search got longer),
 * so only the rows shown need checking. */
static void
icp_review_rows_refilter (IcpReviewRows *self,
                          gboolean       narrower,
                          gboolean       swap,
                          GFunc          between,
                          gpointer       between_data)
{
  GPtrArray *items = icp_review_rows_collect (self, narrower ? self->items : self->all);

  icp_review_rows_replace (self, items, swap, between, between_data);
}

/* Keeps @all as @model is, so that a keystroke walks an array rather than the model. */
static void
icp_review_rows_model_changed_cb (GListModel    *model,
                                  guint          position,
                                  guint          removed,
                                  guint          added,
                                  IcpReviewRows *self)
{
  guint tail;

  g_ptr_array_remove_range (self->all, position, removed);
  tail = self->all->len - position;
  g_ptr_array_set_size (self->all, self->all->len + added);
  /* An empty array may have no storage at all: nothing to move then. */
  if (tail > 0 && added > 0)
    memmove (self->all->pdata + position + added, self->all->pdata + position,
             tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    self->all->pdata[position + i] = g_list_model_get_item (model, position + i);
  icp_review_rows_refilter (self, FALSE, FALSE, NULL, NULL);
}

static void
icp_review_rows_set_model (IcpReviewRows *self,
                           GListModel    *model)
{
  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, icp_review_rows_model_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (icp_review_rows_model_changed_cb), self);
  icp_review_rows_model_changed_cb (model, 0, self->all->len,
                                    model != NULL ? g_list_model_get_n_items (model) : 0, self);

  g_object_notify_by_pspec (G_OBJECT (self), rows_properties[ROWS_PROP_MODEL]);
}

static void
icp_review_rows_set_match (IcpReviewRows      *self,
                           IcpReviewRowsMatch  match,
                           gpointer            match_data)
{
  self->match = match;
  self->match_data = match_data;
  icp_review_rows_refilter (self, FALSE, FALSE, NULL, NULL);
}

static void
icp_review_rows_dispose (GObject *object)
{
  IcpReviewRows *self = ICP_REVIEW_ROWS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, icp_review_rows_model_changed_cb, self);
  g_clear_object (&self->model);
  g_ptr_array_set_size (self->all, 0);
  g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (icp_review_rows_parent_class)->dispose (object);
}

static void
icp_review_rows_finalize (GObject *object)
{
  IcpReviewRows *self = ICP_REVIEW_ROWS (object);

  g_ptr_array_unref (self->all);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (icp_review_rows_parent_class)->finalize (object);
}

static void
icp_review_rows_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IcpReviewRows *self = ICP_REVIEW_ROWS (object);

  switch (prop_id)
    {
    case ROWS_PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case ROWS_PROP_N_ITEMS:
      g_value_set_uint (value, icp_review_rows_get_n_items (G_LIST_MODEL (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_review_rows_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IcpReviewRows *self = ICP_REVIEW_ROWS (object);

  switch (prop_id)
    {
    case ROWS_PROP_MODEL:
      icp_review_rows_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_review_rows_class_init (IcpReviewRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_review_rows_dispose;
  object_class->finalize = icp_review_rows_finalize;
  object_class->get_property = icp_review_rows_get_property;
  object_class->set_property = icp_review_rows_set_property;

  rows_properties[ROWS_PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  rows_properties[ROWS_PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, ROWS_N_PROPS, rows_properties);
}

static void
icp_review_rows_init (IcpReviewRows *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}


/* The list's columns, in their order; each has its cell factory (see "Cells" below). */
typedef enum
{
  COLUMN_NAME,
  COLUMN_REGION,
  COLUMN_BILLING,
  COLUMN_EXPIRY,
  COLUMN_ADDRESS,
  COLUMN_VERDICT,
  N_COLUMNS
} Column;

typedef struct
{
  IcpReviewPage *page;      /* unowned: the page owns the column view and its factories */
  Column         column;
} CellFactory;

struct _IcpReviewPage
{
  AdwBin               parent_instance;

  /* Template widgets and objects */
  GtkListBox          *account_findings;
  GtkColumnViewColumn *billing_column;
  GtkColumnView       *column_view;
  IcpDetailsPane      *details;
  GtkListBox          *empty_account_findings;
  GtkColumnViewColumn *expiry_column;
  GtkLabel            *headline;
  IcpReviewRows       *rows;
  GtkColumnViewColumn *ip_column;
  AdwLeaflet          *leaflet;
  GtkStack            *list_stack;
  GtkWidget           *list_side;
  GtkColumnViewColumn *name_column;
  GtkWidget           *details_side;
  GtkStack            *page_stack;
  GtkColumnViewColumn *region_column;
  GtkSearchEntry      *search_entry;
  GtkSingleSelection  *selection;
  GtkSortListModel    *sort_model;
  GtkColumnViewColumn *verdict_column;
  GtkDropDown         *verdict_dropdown;
  GtkSorter           *verdict_sorter;

  /* Owned */
  IcpInventory        *inventory;
  char                *needle;           /* folded search text; NULL: no search */
  gsize                needle_len;
  int                  verdict_filter;   /* IcpVerdictState or ICP_REVIEW_PAGE_ALL_VERDICTS */
  guint                verdicts_idle;
  guint                name_keys_idle;   /* making the name sort keys ahead */
  guint                name_keys_next;
  gboolean             selecting;        /* select_instance() is moving the selection */
  gboolean             refiltering;      /* the rows are being swapped */
  CellFactory          cell_factories[N_COLUMNS];
  GHashTable          *label_keys;       /* region or billing label → its sort key */
  const char          *billing_keys[3];  /* per IcpChargeType, owned by label_keys */
};

G_DEFINE_FINAL_TYPE (IcpReviewPage, icp_review_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INVENTORY,
  PROP_VERDICT_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The verdict filter's entries, in the drop-down's order. */
static const int dropdown_states[] = {
  ICP_REVIEW_PAGE_ALL_VERDICTS,
  ICP_VERDICT_STATE_ELIGIBLE,
  ICP_VERDICT_STATE_BLOCKED,
  ICP_VERDICT_STATE_NOT_REQUIRED,
  ICP_VERDICT_STATE_UNKNOWN,
};

static IcpVerdictState
instance_state (IcpInstance *instance)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);

  return verdict != NULL ? icp_verdict_get_state (verdict) : ICP_VERDICT_STATE_UNKNOWN;
}

/* --- Cell text and sort keys (closures named in the .ui) --- */

static const char *
billing_label (IcpChargeType charge_type)
{
  const char *label = icp_charge_type_get_label (charge_type);

  /* Translators: the billing method is not in the list */
  return label != NULL ? label : C_("billing", "Unknown");
}

static char *
expiry_text (IcpInstance *instance)
{
  GDateTime *expired_time = icp_instance_get_expired_time (instance);
  g_autoptr(GDateTime) local = NULL;

  /* Pay-as-you-go instances carry a far-future sentinel (2099-12-31), not a real date. */
  if (icp_instance_has_no_expiry (instance))
    /* Translators: expiration column of a pay-as-you-go server */
    return g_strdup (_("No expiry"));

  if (expired_time == NULL)
    /* Translators: expiration time not known */
    return g_strdup (C_("expiry", "Unknown"));

  local = g_date_time_to_local (expired_time);
  /* Translators: the expiration date in the list, a g_date_time_format() format; in
   * Chinese e.g. "%Y年%-m月%-d日" */
  return g_date_time_format (local, _("%b %-d, %Y"));
}

static gint64
expiry_sort_key (gpointer   this,
                 GDateTime *expired_time,
                 int        charge_type)
{
  /* Known dates first, oldest first; then pay-as-you-go (no expiry); unknown last. The
   * arguments are the .ui's lookups, which the sorter watches; @this is the instance. */
  if (icp_instance_has_no_expiry (ICP_INSTANCE (this)))
    return G_MAXINT64 - 1;
  if (expired_time == NULL)
    return G_MAXINT64;
  return g_date_time_to_unix (expired_time);
}

static char *
address_text (const char *public_ip,
              const char *eip)
{
  if (public_ip != NULL && *public_ip != '\0')
    return g_strdup (public_ip);
  if (eip != NULL && *eip != '\0')
    /* Translators: an elastic IP address in the list, e.g. "203.0.113.7 (EIP)" */
    return g_strdup_printf (_("%s (EIP)"), eip);
  /* Translators: the server has no public IP address */
  return g_strdup (C_("address", "None"));
}

/* IPv4 addresses in numeric order (10.0.0.2 before 10.0.0.10), then anything else in no
 * particular order, then none. Parses without allocating. */
static gint64
address_sort_key (gpointer    this,
                  const char *public_ip,
                  const char *eip)
{
  const char *text = public_ip != NULL && *public_ip != '\0' ? public_ip : eip;
  guint32 value = 0;
  guint part = 0, n_parts = 0;
  gboolean digits = FALSE;

  if (text == NULL || *text == '\0')
    return G_MAXINT64;

  for (const char *p = text; ; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          part = part * 10 + (guint) (*p - '0');
          digits = TRUE;
          if (part > 255)
            return G_MAXINT64 - 1;
        }
      else if ((*p == '.' || *p == '\0') && digits && n_parts < 4)
        {
          value = (value << 8) | part;
          n_parts++;
          part = 0;
          digits = FALSE;
          if (*p == '\0')
            break;
        }
      else
        return G_MAXINT64 - 1;
    }

  return n_parts == 4 ? (gint64) value : G_MAXINT64 - 1;
}

/* The badge's colour: a libadwaita colour class, tinted by style.css under .verdict-badge. */
static const char *
verdict_color_class (IcpVerdictState state)
{
  switch (state)
    {
    case ICP_VERDICT_STATE_ELIGIBLE:
      return "success";
    case ICP_VERDICT_STATE_BLOCKED:
      return "error";
    case ICP_VERDICT_STATE_NOT_REQUIRED:
      return "dim-label";
    case ICP_VERDICT_STATE_UNKNOWN:
    default:
      return "warning";
    }
}

static int
verdict_sort_key (gpointer    this,
                  IcpVerdict *verdict)
{
  /* Ascending: what can apply now, what needs work, what is not known, what needs nothing. */
  switch (verdict != NULL ? icp_verdict_get_state (verdict) : ICP_VERDICT_STATE_UNKNOWN)
    {
    case ICP_VERDICT_STATE_ELIGIBLE:
      return 0;
    case ICP_VERDICT_STATE_BLOCKED:
      return 1;
    case ICP_VERDICT_STATE_UNKNOWN:
      return 2;
    case ICP_VERDICT_STATE_NOT_REQUIRED:
    default:
      return 3;
    }
}

/* --- The region column: names from the inventory's policy --- */

static IcpRegions *
page_regions (IcpReviewPage *self)
{
  if (self->inventory == NULL)
    return NULL;

  return icp_policy_get_regions (icp_checker_get_policy (icp_inventory_get_checker (self->inventory)));
}

static const char *
region_name (IcpReviewPage *self,
             const char    *region_id)
{
  IcpRegions *regions = page_regions (self);

  if (region_id == NULL || *region_id == '\0')
    /* Translators: the region is not in the list */
    return C_("region", "Unknown");
  if (regions == NULL)
    return region_id;
  return icp_regions_get_name (regions, region_id);
}

/* --- Sorting ---
 *
 * GTK 4.8's GtkStringSorter makes a collation key for every row at every sort: sorting 100 000
 * servers by region took 2.5 s of the UI thread (benchmarks/README.md, bench-ui (c)). Regions
 * and billing methods have a handful of names, so their keys are made once per name; a
 * server's name key is made once and kept on the instance until its name changes. The keys
 * are those GtkStringSorter would make (case-folded, then collated). */

typedef struct
{
  char *source;
  char *key;
} SortKey;

static void
sort_key_free (gpointer data)
{
  SortKey *sk = data;

  g_free (sk->source);
  g_free (sk->key);
  g_free (sk);
}

static char *
collate_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_collate_key (folded, -1);
}

static GtkOrdering
compare_keys (const char *a,
              const char *b)
{
  int c = strcmp (a, b);

  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* The key of a label (a region name, a billing method): made once per label. */
static const char *
label_key (IcpReviewPage *self,
           const char    *label)
{
  char *key = g_hash_table_lookup (self->label_keys, label);

  if (key == NULL)
    {
      key = collate_key (label);
      g_hash_table_insert (self->label_keys, g_strdup (label), key);
    }
  return key;
}

static GQuark
name_key_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("icp-review-page-name-key");
  return quark;
}

static const char *
name_key (IcpInstance *instance)
{
  const char *shown = icp_instance_get_display_name (instance);
  SortKey *sk = g_object_get_qdata (G_OBJECT (instance), name_key_quark ());

  if (shown == NULL)
    shown = "";
  if (sk == NULL || strcmp (sk->source, shown) != 0)
    {
      sk = g_new0 (SortKey, 1);
      sk->source = g_strdup (shown);
      sk->key = collate_key (shown);
      g_object_set_qdata_full (G_OBJECT (instance), name_key_quark (), sk, sort_key_free);
    }
  return sk->key;
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return compare_keys (name_key ((IcpInstance *) a), name_key ((IcpInstance *) b));
}

static int
compare_regions_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  IcpReviewPage *self = user_data;

  return compare_keys (
    label_key (self, region_name (self, icp_instance_get_region_id ((IcpInstance *) a))),
    label_key (self, region_name (self, icp_instance_get_region_id ((IcpInstance *) b))));
}

/* Per charge type, not per label: looking the label up is a gettext call. */
static const char *
billing_key (IcpReviewPage *self,
             IcpChargeType  charge_type)
{
  guint i = MIN ((guint) charge_type, G_N_ELEMENTS (self->billing_keys) - 1);

  if (self->billing_keys[i] == NULL)
    self->billing_keys[i] = label_key (self, billing_label (charge_type));
  return self->billing_keys[i];
}

static int
compare_billing_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  IcpReviewPage *self = user_data;

  return compare_keys (billing_key (self, icp_instance_get_charge_type ((IcpInstance *) a)),
                       billing_key (self, icp_instance_get_charge_type ((IcpInstance *) b)));
}

/* The name keys, made ahead in idle time after a list arrives, a batch at a time (~2 000
 * keys, ~20 ms), so that the first sort by name does not make 100 000 of them at once. */
static gboolean
make_name_keys_cb (gpointer user_data)
{
  IcpReviewPage *self = user_data;
  GListModel *model = G_LIST_MODEL (self->inventory);
  guint n = g_list_model_get_n_items (model);
  guint end = MIN (self->name_keys_next + 2000, n);

  for (; self->name_keys_next < end; self->name_keys_next++)
    {
      g_autoptr(IcpInstance) instance = g_list_model_get_item (model, self->name_keys_next);

      name_key (instance);
    }

  if (self->name_keys_next < n)
    return G_SOURCE_CONTINUE;
  self->name_keys_idle = 0;
  return G_SOURCE_REMOVE;
}

static void
set_sorter (GtkColumnViewColumn *column,
            GCompareDataFunc     compare,
            gpointer             user_data)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, user_data, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* --- Cells ---
 *
 * The cells are built here with GtkSignalListItemFactory, not from GtkBuilderListItemFactory
 * templates in the .ui as STYLE.md prefers, for speed: at each keystroke in the search entry
 * GTK 4.8 drops the ~200 row widgets it keeps around the visible rows of a 100 000-row list
 * and builds new ones. A builder factory parses its template XML and sets up expression
 * watches for every one of those ~1 200 cells; here setup only creates the widgets, bind sets
 * their text and connects one "notify" handler to the instance, so that a cell follows its
 * instance as the bindings did (a new verdict repaints the badge, a renewal the expiry). */


typedef struct
{
  const CellFactory *factory;
  GtkLabel          *label;
  GtkLabel          *id_label;     /* the name column's second line */
  const char        *color_class;  /* the verdict badge's current colour class */
  IcpInstance       *instance;     /* bound; the list item holds the reference */
  gulong             notify_id;
} Cell;

static GtkLabel *
cell_label (float              xalign,
            PangoEllipsizeMode ellipsize)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, xalign);
  gtk_label_set_ellipsize (label, ellipsize);
  return label;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const CellFactory        *cell_factory)
{
  Cell *cell = g_new0 (Cell, 1);
  GtkWidget *child;

  cell->factory = cell_factory;

  /* Only the name ellipsizes. A label that neither wraps nor ellipsizes has one size whatever
   * its width, so GTK lays its text out once; ids, regions and addresses are short, and not
   * ellipsizing them saves ~20 ms of the ~200 rebound rows' layout at each keystroke. */
  switch (cell_factory->column)
    {
    case COLUMN_NAME:
      child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_margin_top (child, 3);
      gtk_widget_set_margin_bottom (child, 3);
      cell->label = cell_label (0, PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (cell->label, 14);
      cell->id_label = cell_label (0, PANGO_ELLIPSIZE_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (cell->id_label), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (cell->id_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (cell->id_label), "monospace");
      gtk_box_append (GTK_BOX (child), GTK_WIDGET (cell->label));
      gtk_box_append (GTK_BOX (child), GTK_WIDGET (cell->id_label));
      break;

    case COLUMN_REGION:
    case COLUMN_ADDRESS:
      cell->label = cell_label (0, PANGO_ELLIPSIZE_NONE);
      child = GTK_WIDGET (cell->label);
      break;

    case COLUMN_VERDICT:
      /* A pill as wide as its text, not as the column. */
      cell->label = cell_label (0.5, PANGO_ELLIPSIZE_NONE);
      child = GTK_WIDGET (cell->label);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
      gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (child, "verdict-badge");
      gtk_widget_add_css_class (child, "caption-heading");
      break;

    case COLUMN_BILLING:
    case COLUMN_EXPIRY:
    default:
      cell->label = cell_label (0, PANGO_ELLIPSIZE_NONE);
      child = GTK_WIDGET (cell->label);
      break;
    }

  gtk_list_item_set_child (list_item, child);
  g_object_set_data_full (G_OBJECT (list_item), "icp-review-cell", cell, g_free);
}

static void
cell_set_text (GtkLabel *label,
               char     *text)  /* (transfer full) */
{
  gtk_label_set_text (label, text);
  g_free (text);
}

static void
cell_update (Cell *cell)
{
  IcpInstance *instance = cell->instance;
  const char *id = icp_instance_get_id (instance);
  const char *color;
  IcpVerdictState state;

  switch (cell->factory->column)
    {
    case COLUMN_NAME:
      gtk_label_set_text (cell->label, icp_instance_get_display_name (instance));
      gtk_label_set_text (cell->id_label, id);
      break;

    case COLUMN_REGION:
      gtk_label_set_text (cell->label,
                          region_name (cell->factory->page, icp_instance_get_region_id (instance)));
      break;

    case COLUMN_BILLING:
      gtk_label_set_text (cell->label, billing_label (icp_instance_get_charge_type (instance)));
      break;

    case COLUMN_EXPIRY:
      cell_set_text (cell->label, expiry_text (instance));
      break;

    case COLUMN_ADDRESS:
      cell_set_text (cell->label, address_text (icp_instance_get_public_ip (instance),
                                                icp_instance_get_eip (instance)));
      break;

    case COLUMN_VERDICT:
    default:
      state = instance_state (instance);
      gtk_label_set_text (cell->label, icp_verdict_state_get_label (state));
      color = verdict_color_class (state);
      if (color != cell->color_class)
        {
          if (cell->color_class != NULL)
            gtk_widget_remove_css_class (GTK_WIDGET (cell->label), cell->color_class);
          gtk_widget_add_css_class (GTK_WIDGET (cell->label), color);
          cell->color_class = color;
        }
      break;
    }
}

/* Whether the cell shows the property @name (an interned property name). */
static gboolean
cell_shows (Cell       *cell,
            const char *name)
{
  switch (cell->factory->column)
    {
    case COLUMN_NAME:
      return g_str_equal (name, "name") || g_str_equal (name, "id");
    case COLUMN_REGION:
      return g_str_equal (name, "region-id");
    case COLUMN_BILLING:
      return g_str_equal (name, "charge-type");
    case COLUMN_EXPIRY:
      return g_str_equal (name, "expired-time") || g_str_equal (name, "charge-type");
    case COLUMN_ADDRESS:
      return g_str_equal (name, "public-ip") || g_str_equal (name, "eip");
    case COLUMN_VERDICT:
    default:
      return g_str_equal (name, "verdict");
    }
}

static void
cell_notify_cb (IcpInstance *instance,
                GParamSpec  *pspec,
                Cell        *cell)
{
  if (cell_shows (cell, pspec->name))
    cell_update (cell);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const CellFactory        *cell_factory)
{
  Cell *cell = g_object_get_data (G_OBJECT (list_item), "icp-review-cell");

  cell->instance = gtk_list_item_get_item (list_item);
  cell_update (cell);
  cell->notify_id = g_signal_connect (cell->instance, "notify", G_CALLBACK (cell_notify_cb), cell);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                const CellFactory        *cell_factory)
{
  Cell *cell = g_object_get_data (G_OBJECT (list_item), "icp-review-cell");

  g_clear_signal_handler (&cell->notify_id, cell->instance);
  cell->instance = NULL;
}

static void
set_cell_factory (IcpReviewPage       *self,
                  GtkColumnViewColumn *column,
                  Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  CellFactory *cell_factory = &self->cell_factories[kind];

  cell_factory->page = self;
  cell_factory->column = kind;
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), cell_factory);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), cell_factory);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), cell_factory);
  gtk_column_view_column_set_factory (column, factory);
}

/* --- Filtering --- */

typedef struct
{
  char *source;
  char *folded;
} FoldedName;

static void
folded_name_free (gpointer data)
{
  FoldedName *fn = data;

  g_free (fn->source);
  g_free (fn->folded);
  g_free (fn);
}

static char *
fold (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return nfkc != NULL ? g_utf8_casefold (nfkc, -1) : g_strdup ("");
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @haystack (ASCII or UTF-8) contains @needle (folded, @len bytes), ignoring ASCII
 * case. Bytes of multi-byte UTF-8 characters never equal an ASCII byte, so a byte-wise
 * search is safe on UTF-8. */
static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle,
                       gsize       len)
{
  /* Inline lowering: g_ascii_tolower() is a function call per byte, and this loop runs over
   * every row at each keystroke. */
#define LOWER(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + ('a' - 'A') : (c))
  char first = needle[0];

  if (haystack == NULL)
    return FALSE;

  for (const char *p = haystack; *p != '\0'; p++)
    {
      gsize i;

      if (LOWER (*p) != first)
        continue;
      for (i = 1; i < len; i++)
        if (LOWER (p[i]) != needle[i])
          break;
      if (i == len)
        return TRUE;
    }

  return FALSE;
#undef LOWER
}

static GQuark
folded_name_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("icp-review-page-folded-name");
  return quark;
}

static gboolean
name_matches (IcpInstance *instance,
              const char  *needle,
              gsize        len)
{
  const char *name = icp_instance_get_name (instance);
  FoldedName *fn;

  if (name == NULL || *name == '\0')
    return FALSE;
  if (is_ascii (name))
    return contains_ascii_nocase (name, needle, len);

  /* Names such as "官网-前端" or "Ｗｅｂ" need Unicode folding: do it once per name. */
  fn = g_object_get_qdata (G_OBJECT (instance), folded_name_quark ());
  if (fn == NULL || strcmp (fn->source, name) != 0)
    {
      fn = g_new0 (FoldedName, 1);
      fn->source = g_strdup (name);
      fn->folded = fold (name);
      g_object_set_qdata_full (G_OBJECT (instance), folded_name_quark (), fn, folded_name_free);
    }

  return strstr (fn->folded, needle) != NULL;
}

static gboolean
filter_func (IcpInstance *instance,
             gpointer     user_data)
{
  IcpReviewPage *self = user_data;

  if (self->verdict_filter != ICP_REVIEW_PAGE_ALL_VERDICTS &&
      (int) instance_state (instance) != self->verdict_filter)
    return FALSE;

  if (self->needle == NULL)
    return TRUE;

  return contains_ascii_nocase (icp_instance_get_id (instance), self->needle, self->needle_len) ||
         contains_ascii_nocase (icp_instance_get_public_ip (instance), self->needle, self->needle_len) ||
         contains_ascii_nocase (icp_instance_get_eip (instance), self->needle, self->needle_len) ||
         name_matches (instance, self->needle, self->needle_len);
}

static void scroll_to (IcpReviewPage *self,
                       guint          position);

static void
scroll_to_top_cb (gpointer rows,
                  gpointer user_data)
{
  scroll_to (user_data, 0);
}

/* Filters the rows again after the search or the verdict filter changed: the list shows the
 * new rows from the top, and the selected server stays selected if it still matches. */
static void
refilter (IcpReviewPage *self,
          gboolean       narrower)
{
  g_autoptr(IcpInstance) selected = NULL;
  IcpInstance *now_selected;

  g_set_object (&selected, gtk_single_selection_get_selected_item (self->selection));
  self->refiltering = TRUE;
  icp_review_rows_refilter (self->rows, narrower, TRUE, scroll_to_top_cb, self);
  if (selected != NULL && gtk_single_selection_get_selected_item (self->selection) != selected)
    {
      guint position;

      if (g_ptr_array_find (self->rows->items, selected, &position))
        gtk_single_selection_set_selected (self->selection, position);
    }
  self->refiltering = FALSE;

  now_selected = gtk_single_selection_get_selected_item (self->selection);
  icp_details_pane_set_instance (self->details, now_selected);
}

static void
apply_search (IcpReviewPage *self,
              const char    *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *needle = *stripped != '\0' ? fold (stripped) : NULL;
  GtkFilterChange change;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  self->needle_len = self->needle != NULL ? strlen (self->needle) : 0;
  refilter (self, change == GTK_FILTER_CHANGE_MORE_STRICT);
}

/* --- State of the page --- */

static void
update_headline (IcpReviewPage *self)
{
  g_autofree char *summary = NULL;

  if (self->inventory == NULL)
    {
      gtk_label_set_text (self->headline, "");
      return;
    }

  summary = icp_report_summary (self->inventory);
  gtk_label_set_text (self->headline, summary);
}

static void
update_stacks (IcpReviewPage *self)
{
  guint total = self->inventory != NULL
                ? g_list_model_get_n_items (G_LIST_MODEL (self->inventory)) : 0;
  guint visible = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  gtk_stack_set_visible_child_name (self->page_stack, total > 0 ? "review" : "empty");
  gtk_stack_set_visible_child_name (self->list_stack,
                                    total > 0 && visible == 0 ? "no-match" : "list");
}

static void
account_findings_changed (IcpReviewPage *self)
{
  GListModel *findings = self->inventory != NULL
                         ? icp_inventory_get_account_findings (self->inventory) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->account_findings),
                          findings != NULL && g_list_model_get_n_items (findings) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_account_findings),
                          findings != NULL && g_list_model_get_n_items (findings) > 0);
}

static void
inventory_counts_cb (IcpReviewPage *self)
{
  update_headline (self);
  update_stacks (self);
}

static void
account_findings_items_changed_cb (IcpReviewPage *self)
{
  account_findings_changed (self);
}

static gboolean
verdicts_changed_idle_cb (gpointer data)
{
  IcpReviewPage *self = data;

  self->verdicts_idle = 0;

  /* Not refilter(): the list stays where it is, as for any change from below. */
  if (self->verdict_filter != ICP_REVIEW_PAGE_ALL_VERDICTS)
    icp_review_rows_refilter (self->rows, FALSE, FALSE, NULL, NULL);
  /* Tell the verdict column's sorter that its keys moved: the column view's sorter passes it
   * on when that column sorts the list, and ignores it otherwise. */
  gtk_sorter_changed (self->verdict_sorter, GTK_SORTER_CHANGE_DIFFERENT);

  return G_SOURCE_REMOVE;
}

static void
verdict_changed_cb (IcpReviewPage *self,
                    IcpInstance   *instance)
{
  if (self->verdicts_idle == 0)
    self->verdicts_idle = g_idle_add_full (G_PRIORITY_DEFAULT, verdicts_changed_idle_cb, self, NULL);
}

static GtkWidget *
create_account_finding_row (gpointer item,
                            gpointer user_data)
{
  /* An account-level remedy concerns no instance: the id is empty. */
  return icp_details_pane_create_finding_row (item, "");
}

/* --- Template callbacks --- */

static void
search_changed_cb (IcpReviewPage  *self,
                   GtkSearchEntry *entry)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (IcpReviewPage  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  apply_search (self, "");
}

static void
verdict_dropdown_cb (IcpReviewPage *self,
                     GParamSpec    *pspec,
                     GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < G_N_ELEMENTS (dropdown_states))
    icp_review_page_set_verdict_filter (self, dropdown_states[selected]);
}

static void
clear_search_cb (IcpReviewPage *self,
                 GtkButton     *button)
{
  icp_review_page_set_search_text (self, "");
  icp_review_page_set_verdict_filter (self, ICP_REVIEW_PAGE_ALL_VERDICTS);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
visible_count_changed_cb (IcpReviewPage *self)
{
  update_stacks (self);
}

static void
selection_changed_cb (IcpReviewPage      *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  IcpInstance *instance = gtk_single_selection_get_selected_item (selection);

  /* refilter() moves the selection and sets the details once it is done. */
  if (self->refiltering)
    return;

  icp_details_pane_set_instance (self->details, instance);

  if (instance != NULL && !self->selecting && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->details_side);
}

static void
row_activated_cb (IcpReviewPage *self,
                  guint          position)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->details_side);
}

static void
back_clicked_cb (IcpReviewPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_side);
}

/* --- GObject --- */

static void
disconnect_inventory (IcpReviewPage *self)
{
  if (self->inventory == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->inventory, self);
  g_signal_handlers_disconnect_by_data (icp_inventory_get_account_findings (self->inventory), self);
}

static void
icp_review_page_dispose (GObject *object)
{
  IcpReviewPage *self = ICP_REVIEW_PAGE (object);

  g_clear_handle_id (&self->verdicts_idle, g_source_remove);
  g_clear_handle_id (&self->name_keys_idle, g_source_remove);
  disconnect_inventory (self);

  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (icp_review_page_parent_class)->dispose (object);
}

static void
icp_review_page_finalize (GObject *object)
{
  IcpReviewPage *self = ICP_REVIEW_PAGE (object);

  g_free (self->needle);
  g_clear_pointer (&self->label_keys, g_hash_table_unref);

  G_OBJECT_CLASS (icp_review_page_parent_class)->finalize (object);
}

static void
icp_review_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IcpReviewPage *self = ICP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;
    case PROP_VERDICT_FILTER:
      g_value_set_int (value, self->verdict_filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_review_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IcpReviewPage *self = ICP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      icp_review_page_set_inventory (self, g_value_get_object (value));
      break;
    case PROP_VERDICT_FILTER:
      icp_review_page_set_verdict_filter (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_review_page_class_init (IcpReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = icp_review_page_dispose;
  object_class->finalize = icp_review_page_finalize;
  object_class->get_property = icp_review_page_get_property;
  object_class->set_property = icp_review_page_set_property;

  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL,
                         ICP_TYPE_INVENTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VERDICT_FILTER] =
    g_param_spec_int ("verdict-filter", NULL, NULL,
                      ICP_REVIEW_PAGE_ALL_VERDICTS, ICP_VERDICT_STATE_NOT_REQUIRED,
                      ICP_REVIEW_PAGE_ALL_VERDICTS,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ICP_TYPE_DETAILS_PANE);
  g_type_ensure (ICP_TYPE_INSTANCE);
  g_type_ensure (ICP_TYPE_REVIEW_ROWS);
  g_type_ensure (ICP_TYPE_VERDICT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, account_findings);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, billing_column);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, details);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, details_side);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, empty_account_findings);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, expiry_column);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, headline);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, ip_column);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, list_side);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, rows);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, region_column);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, selection);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, verdict_column);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, verdict_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IcpReviewPage, verdict_sorter);

  gtk_widget_class_bind_template_callback (widget_class, address_sort_key);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, expiry_sort_key);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, verdict_dropdown_cb);
  gtk_widget_class_bind_template_callback (widget_class, verdict_sort_key);
  gtk_widget_class_bind_template_callback (widget_class, visible_count_changed_cb);
}

static void
icp_review_page_init (IcpReviewPage *self)
{
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);

  self->verdict_filter = ICP_REVIEW_PAGE_ALL_VERDICTS;

  gtk_widget_init_template (GTK_WIDGET (self));

  icp_review_rows_set_match (self->rows, filter_func, self);

  /* Translators: verdict filter: show every server */
  gtk_string_list_append (verdicts, _("All Servers"));
  for (guint i = 1; i < G_N_ELEMENTS (dropdown_states); i++)
    gtk_string_list_append (verdicts, icp_verdict_state_get_label (dropdown_states[i]));
  gtk_drop_down_set_model (self->verdict_dropdown, G_LIST_MODEL (verdicts));

  set_cell_factory (self, self->name_column, COLUMN_NAME);
  set_cell_factory (self, self->region_column, COLUMN_REGION);
  set_cell_factory (self, self->billing_column, COLUMN_BILLING);
  set_cell_factory (self, self->expiry_column, COLUMN_EXPIRY);
  set_cell_factory (self, self->ip_column, COLUMN_ADDRESS);
  set_cell_factory (self, self->verdict_column, COLUMN_VERDICT);
  self->label_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  set_sorter (self->name_column, compare_names_cb, NULL);
  set_sorter (self->region_column, compare_regions_cb, self);
  set_sorter (self->billing_column, compare_billing_cb, self);

  update_headline (self);
  update_stacks (self);
  account_findings_changed (self);
}

GtkWidget *
icp_review_page_new (void)
{
  return g_object_new (ICP_TYPE_REVIEW_PAGE, NULL);
}

IcpInventory *
icp_review_page_get_inventory (IcpReviewPage *self)
{
  g_return_val_if_fail (ICP_IS_REVIEW_PAGE (self), NULL);

  return self->inventory;
}

void
icp_review_page_set_inventory (IcpReviewPage *self,
                               IcpInventory  *inventory)
{
  GListModel *findings = NULL;

  g_return_if_fail (ICP_IS_REVIEW_PAGE (self));
  g_return_if_fail (inventory == NULL || ICP_IS_INVENTORY (inventory));

  if (self->inventory == inventory)
    return;

  disconnect_inventory (self);
  g_set_object (&self->inventory, inventory);
  g_clear_handle_id (&self->name_keys_idle, g_source_remove);

  if (inventory != NULL)
    {
      self->name_keys_next = 0;
      self->name_keys_idle = g_idle_add_full (G_PRIORITY_LOW, make_name_keys_cb, self, NULL);
      findings = icp_inventory_get_account_findings (inventory);
      g_signal_connect_swapped (inventory, "notify::n-items",
                                G_CALLBACK (inventory_counts_cb), self);
      g_signal_connect_swapped (inventory, "notify::n-eligible",
                                G_CALLBACK (inventory_counts_cb), self);
      g_signal_connect_swapped (inventory, "verdict-changed",
                                G_CALLBACK (verdict_changed_cb), self);
      g_signal_connect_swapped (findings, "items-changed",
                                G_CALLBACK (account_findings_items_changed_cb), self);
    }

  gtk_list_box_bind_model (self->account_findings, findings,
                           create_account_finding_row, NULL, NULL);
  gtk_list_box_bind_model (self->empty_account_findings, findings,
                           create_account_finding_row, NULL, NULL);
  icp_details_pane_set_checker (self->details,
                                inventory != NULL ? icp_inventory_get_checker (inventory) : NULL);

  update_headline (self);
  update_stacks (self);
  account_findings_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVENTORY]);
}

void
icp_review_page_focus_search (IcpReviewPage *self)
{
  g_return_if_fail (ICP_IS_REVIEW_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
icp_review_page_set_search_text (IcpReviewPage *self,
                                 const char    *text)
{
  g_return_if_fail (ICP_IS_REVIEW_PAGE (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry reports the change only after its typing delay; filter now. */
  apply_search (self, text);
}

void
icp_review_page_set_verdict_filter (IcpReviewPage *self,
                                    int            state)
{
  g_return_if_fail (ICP_IS_REVIEW_PAGE (self));
  g_return_if_fail (state >= ICP_REVIEW_PAGE_ALL_VERDICTS && state <= ICP_VERDICT_STATE_NOT_REQUIRED);

  if (self->verdict_filter == state)
    return;

  self->verdict_filter = state;

  for (guint i = 0; i < G_N_ELEMENTS (dropdown_states); i++)
    if (dropdown_states[i] == state && gtk_drop_down_get_selected (self->verdict_dropdown) != i)
      gtk_drop_down_set_selected (self->verdict_dropdown, i);

  refilter (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT_FILTER]);
}

int
icp_review_page_get_verdict_filter (IcpReviewPage *self)
{
  g_return_val_if_fail (ICP_IS_REVIEW_PAGE (self), ICP_REVIEW_PAGE_ALL_VERDICTS);

  return self->verdict_filter;
}

static guint
visible_position (IcpReviewPage *self,
                  IcpInstance   *instance)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IcpInstance) item = g_list_model_get_item (model, i);

      if (item == instance)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
scroll_to (IcpReviewPage *self,
           guint          position)
{
  /* No gtk_column_view_scroll_to() before GTK 4.12: the column view's inner list view has
   * the "list.scroll-to-item" action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

gboolean
icp_review_page_select_instance (IcpReviewPage *self,
                                 const char    *id)
{
  IcpInstance *instance;
  guint position;

  g_return_val_if_fail (ICP_IS_REVIEW_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->inventory == NULL ||
      (instance = icp_inventory_lookup (self->inventory, id)) == NULL)
    return FALSE;

  position = visible_position (self, instance);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      icp_review_page_set_search_text (self, "");
      icp_review_page_set_verdict_filter (self, ICP_REVIEW_PAGE_ALL_VERDICTS);
      position = visible_position (self, instance);
    }
  g_return_val_if_fail (position != GTK_INVALID_LIST_POSITION, FALSE);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
  scroll_to (self, position);

  return TRUE;
}

IcpInstance *
icp_review_page_get_selected (IcpReviewPage *self)
{
  g_return_val_if_fail (ICP_IS_REVIEW_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

GListModel *
icp_review_page_get_visible_model (IcpReviewPage *self)
{
  g_return_val_if_fail (ICP_IS_REVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}
