-- Each stateful service owns its own database (SPEC §8); Flyway creates the tables.
CREATE DATABASE contacts;
CREATE DATABASE messaging;
CREATE DATABASE fileshare;
