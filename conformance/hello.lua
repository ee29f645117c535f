print("hello from twin-lua")
