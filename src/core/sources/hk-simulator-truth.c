/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>

#include "hk-date.h"
#include "hk-simulator-private.h"

/* The planted truth (DESIGN.md §4): what a perfect estimate would recover,
 * for tests, benchmarks and truth.json. */

static void
simulated_holdout_free (gpointer data)
{
  HkSimulatedHoldout *holdout = data;

  g_free (holdout->campaign);
  g_free (holdout->brand);
  g_free (holdout);
}

static void
simulated_campaign_free (gpointer data)
{
  HkSimulatedCampaign *campaign = data;

  g_free (campaign->campaign);
  g_free (campaign->brand);
  g_free (campaign);
}

static void
simulated_influencer_free (gpointer data)
{
  HkSimulatedInfluencer *influencer = data;

  g_free (influencer->influencer_id);
  g_free (influencer);
}

static void
add_influencers (const Simulation  *sim,
                 HkSimulationTruth *truth)
{
  g_autofree double *revenue = g_new0 (double, sim->n_influencers);
  g_autofree double *caused = g_new0 (double, sim->n_influencers);

  for (guint i = 0; i < sim->n_posts; i++)
    {
      const Post *p = &sim->posts[i];
      double value = _hk_sim_row_value (sim, p);

      revenue[p->influencer] += sim->expected[i].credited * value;
      caused[p->influencer] += sim->expected[i].caused * value;
    }
  for (guint i = 0; i < sim->n_influencers; i++)
    {
      const Influencer *inf = &sim->influencers[i];
      HkSimulatedInfluencer *si = g_new0 (HkSimulatedInfluencer, 1);
      char id[24];

      si->influencer_id = g_strndup (id, _hk_sim_format_id (sim->options, SIM_ID_INFLUENCER, i + 1, id));
      si->quality = inf->quality;
      si->expected_revenue = revenue[i];
      si->expected_incremental_revenue = caused[i];
      si->expected_spend = inf->expected_spend;
      si->true_roas = inf->expected_spend > 0 ? revenue[i] / inf->expected_spend : NAN;
      si->true_iroas = inf->expected_spend > 0 ? caused[i] / inf->expected_spend : NAN;
      g_ptr_array_add (truth->influencers, si);
    }
}

HkSimulationTruth *
_hk_sim_make_truth (const Simulation *sim)
{
  HkSimulationTruth *truth = g_new0 (HkSimulationTruth, 1);

  truth->holdouts = g_ptr_array_new_with_free_func (simulated_holdout_free);
  truth->campaigns = g_ptr_array_new_with_free_func (simulated_campaign_free);
  truth->influencers = g_ptr_array_new_with_free_func (simulated_influencer_free);
  for (guint h = 0; h < sim->n_holdouts; h++)
    {
      const Holdout *ho = &sim->holdouts[h];
      const Campaign *c = &sim->campaigns[ho->campaign];
      HkSimulatedHoldout *sh = g_new0 (HkSimulatedHoldout, 1);

      sh->campaign = g_strdup (c->name);
      sh->brand = g_strdup (hk_known_brands[c->brand]);
      sh->exposed_users = ho->n_exposed;
      sh->holdout_users = ho->n_holdout;
      /* Every purchase a tested campaign's posts cause is an exposed user's,
       * inside the window. */
      sh->true_incremental_revenue = (double) c->caused_revenue;
      sh->start_day = ho->start_day;
      sh->end_day = ho->end_day;
      g_ptr_array_add (truth->holdouts, sh);
    }
  for (guint i = 0; i < sim->n_campaigns; i++)
    {
      const Campaign *c = &sim->campaigns[i];
      HkSimulatedCampaign *sc;

      if (c->n_posts == 0)
        continue;
      sc = g_new0 (HkSimulatedCampaign, 1);
      sc->campaign = g_strdup (c->name);
      sc->brand = g_strdup (hk_known_brands[c->brand]);
      sc->start_day = c->start_day;
      sc->end_day = c->end_day;
      sc->posts = c->n_posts;
      sc->true_incremental_revenue = (double) c->caused_revenue;
      sc->attributed_revenue = (double) c->credited_revenue;
      sc->over_attributed_revenue = (double) c->captured_revenue;
      g_ptr_array_add (truth->campaigns, sc);
    }
  add_influencers (sim, truth);
  return truth;
}

void
hk_simulation_truth_free (HkSimulationTruth *truth)
{
  if (truth == NULL)
    return;
  g_clear_pointer (&truth->holdouts, g_ptr_array_unref);
  g_clear_pointer (&truth->campaigns, g_ptr_array_unref);
  g_clear_pointer (&truth->influencers, g_ptr_array_unref);
  g_free (truth);
}

const HkSimulatedCampaign *
hk_simulation_truth_find_campaign (const HkSimulationTruth *truth,
                                   const char              *campaign)
{
  g_return_val_if_fail (truth != NULL, NULL);
  g_return_val_if_fail (campaign != NULL, NULL);

  for (guint i = 0; i < truth->campaigns->len; i++)
    {
      const HkSimulatedCampaign *c = g_ptr_array_index (truth->campaigns, i);

      if (g_str_equal (c->campaign, campaign))
        return c;
    }
  return NULL;
}

const HkSimulatedHoldout *
hk_simulation_truth_find_test (const HkSimulationTruth *truth,
                               const char              *campaign)
{
  g_return_val_if_fail (truth != NULL, NULL);
  g_return_val_if_fail (campaign != NULL, NULL);

  for (guint i = 0; i < truth->holdouts->len; i++)
    {
      const HkSimulatedHoldout *h = g_ptr_array_index (truth->holdouts, i);

      if (g_str_equal (h->campaign, campaign))
        return h;
    }
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* truth.json                                                               */

static void
add_date (JsonBuilder *b,
          const char  *name,
          gint32       day)
{
  char iso[HK_DATE_ISO_LEN];

  hk_date_format_iso (day, iso);
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, iso);
}

/* Rounded to a multiple of unit (0: not rounded); NAN as null. Whole figures
 * as integers, so that the file reads as the CSVs do. (json-glib writes other
 * numbers with 17 significant digits.) */
static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value,
            double       unit)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    {
      double rounded = unit > 0 ? floor (value / unit + 0.5) * unit : value;

      if (rounded == floor (rounded) && fabs (rounded) < 9e15)
        json_builder_add_int_value (b, (gint64) rounded);
      else
        json_builder_add_double_value (b, rounded);
    }
}

JsonNode *
hk_simulation_truth_to_json (const HkSimulationTruth *truth)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (truth != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "campaigns");
  json_builder_begin_array (b);
  for (guint i = 0; i < truth->campaigns->len; i++)
    {
      const HkSimulatedCampaign *c = g_ptr_array_index (truth->campaigns, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "campaign");
      json_builder_add_string_value (b, c->campaign);
      json_builder_set_member_name (b, "brand");
      json_builder_add_string_value (b, c->brand);
      add_number (b, "true_incremental_revenue", c->true_incremental_revenue, 1);
      add_number (b, "attributed_revenue", c->attributed_revenue, 1);
      add_number (b, "over_attributed_revenue", c->over_attributed_revenue, 1);
      add_date (b, "start_date", c->start_day);
      add_date (b, "end_date", c->end_day);
      add_number (b, "posts", c->posts, 1);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tests");
  json_builder_begin_array (b);
  for (guint i = 0; i < truth->holdouts->len; i++)
    {
      const HkSimulatedHoldout *h = g_ptr_array_index (truth->holdouts, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "campaign");
      json_builder_add_string_value (b, h->campaign);
      add_number (b, "true_lift_revenue", h->true_incremental_revenue, 1);
      json_builder_set_member_name (b, "brand");
      json_builder_add_string_value (b, h->brand);
      add_number (b, "exposed_users", h->exposed_users, 1);
      add_number (b, "holdout_users", h->holdout_users, 1);
      add_date (b, "start_date", h->start_day);
      add_date (b, "end_date", h->end_day);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "influencers");
  json_builder_begin_array (b);
  for (guint i = 0; i < truth->influencers->len; i++)
    {
      const HkSimulatedInfluencer *inf = g_ptr_array_index (truth->influencers, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "influencer_id");
      json_builder_add_string_value (b, inf->influencer_id);
      add_number (b, "true_roas", inf->true_roas, 0);
      add_number (b, "true_iroas", inf->true_iroas, 0);
      add_number (b, "quality", inf->quality, 0);
      /* expectations: to the rupee */
      add_number (b, "expected_revenue", inf->expected_revenue, 1);
      add_number (b, "expected_incremental_revenue", inf->expected_incremental_revenue, 1);
      add_number (b, "expected_spend", inf->expected_spend, 1);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
hk_simulation_truth_to_data (const HkSimulationTruth *truth,
                             gsize                   *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (truth != NULL, NULL);

  root = hk_simulation_truth_to_json (truth);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = g_string_new (NULL);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  if (length)
    *length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}
