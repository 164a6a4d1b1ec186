import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * next/link without prefetching. Every page here is rendered per request from live data, so prefetching would run a
 * page's gateway queries for each link in view (a region list is dozens) that nobody may follow.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
