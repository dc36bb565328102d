import type { ServiceCategory } from '@marquee/contracts';

export interface DemoService {
  name: string;
  description: string;
  category: ServiceCategory;
  priceCents: number;
  durationMinutes: number;
  capacity: number;
  location: string;
}

/** A small catalogue across every category, seeded on an empty database outside production. */
export const DEMO_CATALOGUE: DemoService[] = [
  {
    name: 'Midnight Noir Double Bill',
    description: 'Two restored film-noir classics on 35 mm with an intermission.',
    category: 'movie',
    priceCents: 1400,
    durationMinutes: 210,
    capacity: 120,
    location: 'Screen 1, Odeon Lane',
  },
  {
    name: 'IMAX Space Odyssey',
    description: 'The space epic in laser IMAX with the original soundtrack remastered.',
    category: 'movie',
    priceCents: 1900,
    durationMinutes: 150,
    capacity: 300,
    location: 'IMAX Hall',
  },
  {
    name: 'Jazz at the Blue Lantern',
    description: 'A late quartet set in an intimate basement club. Table service.',
    category: 'concert',
    priceCents: 3500,
    durationMinutes: 120,
    capacity: 80,
    location: 'Blue Lantern Club',
  },
  {
    name: 'Symphony Under the Stars',
    description: 'The city orchestra plays Dvořák in the park amphitheatre.',
    category: 'concert',
    priceCents: 4500,
    durationMinutes: 140,
    capacity: 600,
    location: 'Riverside Amphitheatre',
  },
  {
    name: 'Hamlet, Reimagined',
    description: 'A modern-dress Hamlet in the round, with live electronic score.',
    category: 'theatre',
    priceCents: 5200,
    durationMinutes: 180,
    capacity: 250,
    location: 'The Globe Studio',
  },
  {
    name: 'Improv Night: You Write the Show',
    description: 'Suggestions from the audience become a ninety-minute comedy.',
    category: 'comedy',
    priceCents: 1800,
    durationMinutes: 90,
    capacity: 150,
    location: 'Laugh Factory Annex',
  },
  {
    name: 'Stand-up Showcase',
    description: 'Five rising comedians, one host, no safe topics.',
    category: 'comedy',
    priceCents: 2200,
    durationMinutes: 100,
    capacity: 200,
    location: 'Main Stage',
  },
  {
    name: 'Derby Day Box Seats',
    description: 'Covered box seats with catering for the season derby.',
    category: 'sports',
    priceCents: 9500,
    durationMinutes: 150,
    capacity: 40,
    location: 'City Stadium, Box Level',
  },
  {
    name: 'VR Arena: Squad Mission',
    description: 'Free-roam virtual reality for teams of up to six players.',
    category: 'gaming',
    priceCents: 3900,
    durationMinutes: 60,
    capacity: 36,
    location: 'Pixel Dome',
  },
  {
    name: 'Retro Arcade Marathon',
    description: 'Unlimited play on 80 restored arcade cabinets, snacks included.',
    category: 'gaming',
    priceCents: 2500,
    durationMinutes: 240,
    capacity: 60,
    location: 'Pixel Dome, Level 2',
  },
  {
    name: "Escape Room: The Curator's Vault",
    description: 'Sixty minutes to crack the museum vault before the alarm.',
    category: 'experience',
    priceCents: 3000,
    durationMinutes: 60,
    capacity: 24,
    location: 'Puzzle House',
  },
  {
    name: 'Rooftop Stargazing Tour',
    description: 'Telescopes, hot chocolate and an astronomer guide on the roof.',
    category: 'experience',
    priceCents: 2700,
    durationMinutes: 90,
    capacity: 30,
    location: 'Observatory Roof',
  },
  {
    name: 'Gift Card Workshop Pass',
    description: 'A flexible pass for any of our weekend workshops.',
    category: 'other',
    priceCents: 5000,
    durationMinutes: 120,
    capacity: 50,
    location: 'Studio B',
  },
];
