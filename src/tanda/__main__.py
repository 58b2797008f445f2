from tanda.cli import main

raise SystemExit(main())
