export const SITE_NAME = 'Rallypoint';
