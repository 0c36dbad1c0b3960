// Word lists for the demo and bench seeds: names, venues, titles and descriptions.

export const FIRST_NAMES = [
  'Oliver', 'Amelia', 'Priya', 'Mohammed', 'Siobhan', 'Grace', 'Tom', 'Hannah', 'Jack', 'Sophie', 'Harriet',
  'Daniel', 'Aisha', 'Kwame', 'Niamh', 'Zara', 'Imran', 'Chloe', 'Liam', 'Megan', 'Joe', 'Ruth', 'Sam', 'Anjali',
  'Dev', 'Ellie', 'Yusuf', 'Rosie', 'Hamza', 'Laura', 'Ben', 'Lucy', 'Kieran', 'Nadia', 'Patrick', 'Joanne', 'Sean',
  'Mark', 'Helen', 'Sarah', 'David', 'Margaret', 'Chidi', 'Maya', 'Aaron', 'Leah', 'Jamal', 'Freya', 'Marek', 'Agnieszka',
  'George', 'Jasmine', 'Tariq', 'Abigail', 'Ravi', 'Olivia', 'Nathan', 'Bukola', 'Michael', 'Eleanor',
] as const;

export const SCOTTISH_FIRST_NAMES = ['Callum', 'Eilidh', 'Catriona', 'Ewan', 'Isla', 'Fraser', 'Morag', 'Rory', 'Kirsty', 'Iain'] as const;
export const WELSH_FIRST_NAMES = ['Rhys', 'Aled', 'Bethan', 'Gareth', 'Ffion', 'Owen', 'Cerys', 'Dafydd', 'Sian', 'Llinos'] as const;

export const LAST_NAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts', 'Johnson',
  'Lewis', 'Walker', 'Robinson', 'Wood', 'Thompson', 'Wright', 'Green', 'Harris', 'Cooper', 'King', 'Lee', 'Martin',
  'Clarke', 'Hughes', 'Edwards', 'Hill', 'Moore', 'Harrison', 'Scott', 'Young', 'Morris', 'Hall', 'Ward', 'Turner',
  'Carter', 'Phillips', 'Mitchell', 'Patel', 'Khan', 'Ali', 'Begum', 'Hussain', 'Shah', 'Singh', 'Kaur', 'Okafor',
  'Mensah', 'Campbell', 'Kowalski', 'Nowak', "O'Brien", 'Murphy', 'Kelly', 'Adeyemi', 'Chowdhury', 'Bennett', 'Shaw',
  'Whitaker', 'Ahmed', 'Fletcher', 'Nguyen', 'Booth', 'Holloway',
] as const;

export const SCOTTISH_LAST_NAMES = ['Stewart', 'MacDonald', 'Murray', 'Reid', 'Fraser', 'Robertson', 'Ross', 'Paterson'] as const;
export const WELSH_LAST_NAMES = ['Griffiths', 'Owen', 'Jenkins', 'Pritchard', 'Price', 'Powell', 'Rees', 'Llewellyn'] as const;

export const STREETS = [
  'High Street', 'Church Road', 'Station Road', 'Victoria Road', 'Park Road', 'Green Lane', 'Manor Road', 'Church Lane',
  'Mill Lane', 'Queen Street', 'King Street', 'New Road', 'London Road', 'The Crescent', 'Market Street', 'Albert Road',
  'York Road', 'North Street', 'Chapel Street', 'Bridge Street', 'School Lane', 'Grange Road', 'Springfield Road',
  'Windsor Road', 'Kingsway', 'Broadway', 'Castle Street', 'Union Street', 'Water Lane', 'Cemetery Road',
  'Co-operative Street', 'Beech Grove', 'Hawthorn Avenue', 'Mount Pleasant', 'Commercial Street', 'Oxford Road',
] as const;

export const CANVASS_MEETING_POINTS = [
  'the public library', 'the war memorial', 'the railway station forecourt', 'the bus station', "St Mary's Church gates",
  'the clock tower', 'the leisure centre car park', 'the Co-op on the corner', 'the park gates', 'the community centre',
  'the market cross', 'the health centre',
] as const;

export const MEETING_VENUES = [
  "St Mark's Church Hall", 'The Old Library', 'Trinity Community Centre', 'Friends Meeting House', 'The Trades Club',
  'Upstairs at The Red Lion', 'Miners Welfare Hall', 'The Carnegie Room', 'Village Hall', 'Unity Hall',
  'The Methodist Hall', 'Parish Rooms',
] as const;

export const STALL_SPOTS = [
  'Outside the post office', 'Market Square', 'By the clock tower', 'Outside Boots', 'The precinct, by the fountain',
  'Outside the Co-op', 'Station approach', 'The top of the high street',
] as const;

export const PHONE_BANK_VENUES = [
  'Campaign office', 'Back room, The Crown', 'Trinity Community Centre', 'The Old Library (IT room)',
  'Unity Hall, side room', 'Upstairs at The Anchor',
] as const;

export const PUBS = [
  'The Red Lion', 'The Crown', "The King's Arms", 'The Railway', 'The Royal Oak', 'The Swan', 'The White Hart',
  'The Plough', 'The Black Bull', 'The Rose and Crown', 'The Fleece', 'The Mechanics Arms',
] as const;

export const TRAINING_VENUES = [
  'Library meeting room', 'Trinity Community Centre', "St Mark's Church Hall", 'The Old Library', 'Unity Hall',
  'Friends Meeting House',
] as const;

export const CAUSES = [
  'our bus routes', 'the local library', 'our A&E', 'the swimming baths', 'our youth club', 'the Sure Start centre',
  'the night bus', 'our high street banks',
] as const;

export const TRAINING_TOPICS = [
  'Canvassing for first-timers',
  'Doorstep conversations that work',
  'Phone banking: scripts, data and tough calls',
  'Running a street stall',
  'Organising 101: building a local team',
  'Data protection and staying safe on the doorstep',
  'Social media for campaigners',
  'Driving volunteers to marginal seats: how lifts work',
] as const;

export const SOCIAL_KINDS = [
  'Pub quiz',
  'Curry night',
  "Volunteers' thank-you drinks",
  "Members' social",
  'Film night',
  'Bring-and-share supper',
  'Walk and talk',
  'Pie and pint night',
] as const;

export const EXTRAS = [
  'Step-free access.',
  'Tea, coffee and biscuits provided.',
  'Children and dogs welcome.',
  'Bring comfortable shoes and a waterproof.',
  'Nearest bus stop is a two-minute walk.',
  'Parking is limited; please car-share if you can.',
  'Hearing loop available.',
  'Vegan and gluten-free options.',
  'Free to attend.',
  'First-timers are very welcome: you will be paired with someone experienced.',
] as const;

export const RALLY_VENUES = [
  {
    city: 'London',
    outcode: 'WC2N',
    postcode: 'WC2N 5DN',
    venue: 'Trafalgar Square',
    address: 'Trafalgar Square, London',
    lat: 51.50803,
    lng: -0.12806,
    title: 'London rally: Stand up for public services',
    hour: 13,
  },
  {
    city: 'Manchester',
    outcode: 'M2',
    postcode: 'M2 5DB',
    venue: 'Albert Square',
    address: 'Albert Square, Manchester',
    lat: 53.47942,
    lng: -2.24533,
    title: 'Manchester rally for fair pay',
    hour: 12,
  },
  {
    city: 'Birmingham',
    outcode: 'B3',
    postcode: 'B3 3DQ',
    venue: 'Victoria Square',
    address: 'Victoria Square, Birmingham',
    lat: 52.47968,
    lng: -1.90298,
    title: 'Birmingham rally: Homes for all',
    hour: 12,
  },
  {
    city: 'Leeds',
    outcode: 'LS1',
    postcode: 'LS1 3AD',
    venue: 'Millennium Square',
    address: 'Millennium Square, Leeds',
    lat: 53.80171,
    lng: -1.54862,
    title: 'Yorkshire rally: Save our NHS',
    hour: 13,
  },
  {
    city: 'Glasgow',
    outcode: 'G2',
    postcode: 'G2 1DU',
    venue: 'George Square',
    address: 'George Square, Glasgow',
    lat: 55.86114,
    lng: -4.25018,
    title: 'Glasgow rally: A fair deal for Scotland',
    hour: 12,
  },
  {
    city: 'Cardiff',
    outcode: 'CF10',
    postcode: 'CF10 3ND',
    venue: 'Cardiff City Hall lawns',
    address: 'Gorsedd Gardens Road, Cardiff',
    lat: 51.48577,
    lng: -3.17925,
    title: 'Cardiff rally: Cost of living, cost of inaction',
    hour: 13,
  },
] as const;
