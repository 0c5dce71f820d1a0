print("rcms")
