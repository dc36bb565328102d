import type { ServiceCategory } from '@marquee/contracts';

const LABELS: Record<ServiceCategory, string> = {
  movie: 'Movies',
  concert: 'Concerts',
  theatre: 'Theatre',
  comedy: 'Comedy',
  sports: 'Sports',
  gaming: 'Gaming',
  experience: 'Experiences',
  other: 'Other',
};

export function categoryLabel(category: string): string {
  return LABELS[category as ServiceCategory] ?? category;
}
