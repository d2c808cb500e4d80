/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cp-server"

#include "config.h"

#include <math.h>

#include "cp-rate-limit.h"

/* Past this many keys, the ones whose buckets are full again are dropped. */
#define PRUNE_ABOVE 10000

typedef struct
{
  double tokens;
  gint64 updated;          /* µs */
} Bucket;

struct _CpRateLimit
{
  double burst;
  double per_usec;
  GHashTable *buckets;     /* key → Bucket */
};

CpRateLimit *
cp_rate_limit_new (guint burst,
                   guint per_minute)
{
  CpRateLimit *self = g_new0 (CpRateLimit, 1);

  g_return_val_if_fail (burst > 0 && per_minute > 0, NULL);

  self->burst = burst;
  self->per_usec = per_minute / (60.0 * G_USEC_PER_SEC);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
cp_rate_limit_free (CpRateLimit *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
refill (CpRateLimit *self,
        Bucket      *bucket,
        gint64       now_usec)
{
  if (now_usec > bucket->updated)
    bucket->tokens = MIN (self->burst,
                          bucket->tokens + (double) (now_usec - bucket->updated) * self->per_usec);
  bucket->updated = now_usec;
}

static void
prune (CpRateLimit *self,
       gint64       now_usec)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    {
      refill (self, bucket, now_usec);
      if (bucket->tokens >= self->burst)
        g_hash_table_iter_remove (&iter);
    }
}

/**
 * cp_rate_limit_take:
 * @key: whom the request counts against
 * @now_usec: the time, from one monotonic clock for every call
 *
 * Takes one request from @key's bucket.
 *
 * Returns: 0 when the request may go ahead, else the whole seconds until
 *   it could (for Retry-After), at least 1
 */
gint64
cp_rate_limit_take (CpRateLimit *self,
                    const char  *key,
                    gint64       now_usec)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, key);

  if (bucket == NULL)
    {
      if (g_hash_table_size (self->buckets) >= PRUNE_ABOVE)
        prune (self, now_usec);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->updated = now_usec;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }
  refill (self, bucket, now_usec);
  if (bucket->tokens >= 1)
    {
      bucket->tokens -= 1;
      return 0;
    }
  return MAX (1, (gint64) ceil ((1 - bucket->tokens) / self->per_usec / G_USEC_PER_SEC));
}
