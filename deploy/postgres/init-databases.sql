-- Each stateful service owns its own database; Flyway creates the tables.
CREATE DATABASE contacts;
CREATE DATABASE messaging;
CREATE DATABASE fileshare;
