process.env.MARQUEE_TEST_DB = 'sqlite';
