// Attribution texts required by the bundled data (see shared/data/README.md). Shown on every map and in the footer.
export const ATTRIBUTION = {
  parliament: 'Contains Parliamentary information licensed under the Open Parliament Licence v3.0.',
  boundaries:
    'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2024.',
  northernIreland: 'Contains LPS Intellectual Property © Crown copyright and database right 2024.',
  postcodes:
    'Contains OS data © Crown copyright and database right 2023. Contains Royal Mail data © Royal Mail copyright and database right 2023. Contains National Statistics data © Crown copyright and database right 2023.',
} as const;

export const MAP_ATTRIBUTIONS: string[] = [
  ATTRIBUTION.boundaries,
  ATTRIBUTION.northernIreland,
  ATTRIBUTION.parliament,
  ATTRIBUTION.postcodes,
];
