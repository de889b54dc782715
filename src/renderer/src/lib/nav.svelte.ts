// Which section the window shows. Kept as shared state so a view can send the user where a choice is made
// ("Use a saved profile" in Compare opens the Hardware section).

export type Section = 'hardware' | 'library' | 'compare' | 'plan' | 'check' | 'serve';
export const SECTIONS: Section[] = ['hardware', 'library', 'compare', 'serve', 'plan', 'check'];

export const nav = $state({ section: 'hardware' as Section });
